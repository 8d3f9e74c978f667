"""The Reports tab: the report for funders, the dashboard, the network map, collaborative
projects and cascades."""
