"""The services: every operation of Tejido, with no Qt. The GUI and the command line call them."""
