"""Material for example mentoring (plain Spanish data): per mentoring area, what organisations
say they need, what mentors offer, goals with their baseline and target, and session topics;
then the sentences of session logs, agreements and closures.

The need and expertise sentences of an area contain one of its word stems
(:data:`app.services.mentoring_vocabulary.MENTORING_AREA_WORDS`), so suggestions find them.
"""

from __future__ import annotations

# area | kind | text (a goal: description | baseline | target)
_AREA_LINES = """
quality | need | Queremos implantar un sistema de calidad (ISO 9001 o EFQM) y no sabemos por dónde empezar.
quality | need | Nos piden indicadores de calidad en los proyectos y no los tenemos definidos.
quality | offer | Implantación de sistemas de calidad ISO 9001 y modelo EFQM en entidades sociales.
quality | offer | Mejora continua de procesos, auditorías internas y cartas de servicios de calidad.
quality | goal | Definir el mapa de procesos de la entidad | No hay procesos escritos; cada persona trabaja a su manera | Mapa de procesos aprobado por la junta y tres procesos clave documentados
quality | goal | Preparar la entidad para una auditoría de calidad | Sin documentación ni indicadores de calidad | Manual de calidad, indicadores y una auditoría interna hecha
quality | topic | Mapa de procesos; Indicadores de calidad; Encuestas de satisfacción; Auditoría interna
leadership | need | El equipo directivo necesita apoyo en liderazgo y en la dirección de equipos.
leadership | need | Ha cambiado la coordinación y la nueva persona responsable quiere reforzar su liderazgo.
leadership | offer | Liderazgo de equipos técnicos y voluntarios, delegación y reuniones eficaces.
leadership | offer | Dirección de equipos en entidades que crecen; acompañamiento a nuevas coordinadoras.
leadership | goal | Organizar reuniones de equipo más eficaces | Reuniones largas sin orden del día ni acuerdos escritos | Reuniones de una hora con orden del día y acta de acuerdos
leadership | goal | Delegar responsabilidades en el equipo | La coordinadora concentra todas las decisiones | Tres responsabilidades delegadas con seguimiento mensual
leadership | topic | Estilos de liderazgo; Delegación; Gestión del tiempo; Conversaciones difíciles
fundraising | need | Dependemos de una sola subvención y necesitamos diversificar la financiación.
fundraising | need | Queremos empezar la captación de fondos privados y de personas socias.
fundraising | offer | Captación de fondos privados, campañas de donación y mecenazgo de empresas.
fundraising | offer | Preparación de solicitudes de subvención públicas y europeas.
fundraising | goal | Diversificar las fuentes de financiación | El 90 % de los ingresos viene de una subvención autonómica | Ninguna fuente supera el 60 % de los ingresos
fundraising | goal | Lanzar una campaña de donaciones | Sin base de personas donantes ni campaña propia | Campaña lanzada con 50 personas donantes
fundraising | topic | Plan de captación; Convocatorias abiertas; Relación con empresas; Campaña de donaciones
management | need | Necesitamos un plan estratégico y mejorar la planificación anual.
management | need | La gestión diaria nos desborda: queremos ordenar tareas, plazos y responsables.
management | offer | Planificación estratégica y gestión de entidades del tercer sector.
management | offer | Gestión de equipos pequeños y planificación operativa anual.
management | goal | Elaborar el plan estratégico a tres años | Sin plan estratégico; se trabaja año a año | Plan estratégico aprobado en asamblea
management | goal | Ordenar la planificación anual | Las tareas se reparten sobre la marcha | Calendario anual con responsables y plazos compartido con el equipo
management | topic | Análisis DAFO; Misión, visión y valores; Plan operativo anual; Cuadro de mando
equality | need | Tenemos que elaborar nuestro plan de igualdad y no sabemos cómo hacer el diagnóstico.
equality | need | Queremos incorporar la perspectiva de género y la diversidad en los proyectos.
equality | offer | Planes de igualdad, diagnósticos de género y protocolos frente al acoso.
equality | offer | Perspectiva de género, diversidad e inclusión en proyectos sociales.
equality | goal | Aprobar el plan de igualdad | Sin diagnóstico de igualdad | Diagnóstico hecho y plan de igualdad aprobado por la junta
equality | goal | Aplicar un protocolo frente al acoso | No existe protocolo | Protocolo aprobado y explicado a todo el equipo
equality | topic | Diagnóstico de igualdad; Lenguaje inclusivo; Protocolo frente al acoso; Medidas de conciliación
communication | need | Nuestra comunicación es escasa: queremos un plan de comunicación para llegar a más gente.
communication | need | No conseguimos salir en prensa ni dar a conocer lo que hacemos.
communication | offer | Comunicación de entidades sociales, redes sociales y relación con la prensa.
communication | offer | Planes de comunicación interna y externa con pocos recursos.
communication | goal | Tener un plan de comunicación | Se publica sin planificación cuando hay tiempo | Plan de comunicación anual con calendario editorial
communication | goal | Aumentar la presencia en medios | Ninguna aparición en prensa el último año | Cuatro apariciones en medios locales
communication | topic | Públicos y mensajes; Calendario editorial; Nota de prensa; Redes sociales
volunteering | need | Nos cuesta captar y mantener personas voluntarias.
volunteering | need | Queremos un plan de voluntariado con acogida, formación y reconocimiento.
volunteering | offer | Gestión del voluntariado: incorporación, acogida, formación y fidelización.
volunteering | offer | Diseño de planes de voluntariado y programas de voluntariado corporativo.
volunteering | goal | Escribir el plan de voluntariado | Las personas voluntarias llegan sin acogida ni funciones claras | Plan de voluntariado con acogida, funciones y seguimiento
volunteering | goal | Fidelizar al voluntariado | La mitad del voluntariado deja la entidad antes de seis meses | Tres de cada cuatro personas voluntarias siguen al año
volunteering | topic | Acogida del voluntariado; Reconocimiento; Acuerdo de voluntariado; Captación de voluntariado
digital | need | Queremos digitalizar la gestión: bases de datos, nube y herramientas digitales.
digital | need | Necesitamos renovar la web y aprender a usar herramientas colaborativas.
digital | offer | Transformación digital de entidades: herramientas en la nube, bases de datos y web.
digital | offer | Software libre y herramientas digitales para pequeñas organizaciones.
digital | goal | Pasar la documentación a la nube | Documentos en ordenadores personales y memorias USB | Toda la documentación en una carpeta compartida con permisos
digital | goal | Renovar la página web | Web desactualizada desde hace tres años | Web nueva que el equipo actualiza cada mes
digital | topic | Herramientas colaborativas; Copias de seguridad; Protección de datos; Web y formularios
finance | need | Necesitamos ordenar la contabilidad y preparar un presupuesto por proyecto.
finance | need | Las finanzas nos dan problemas: queremos prever los pagos y los cobros de las ayudas.
finance | offer | Contabilidad de entidades sin ánimo de lucro, presupuesto y fiscalidad.
finance | offer | Gestión de las finanzas y la tesorería; control del presupuesto por proyectos.
finance | goal | Presupuesto por proyecto | Un único presupuesto general sin seguimiento | Presupuesto por proyecto revisado cada trimestre
finance | goal | Plan de tesorería | Tensiones de tesorería cada vez que se retrasa un pago | Previsión de tesorería a seis meses actualizada cada mes
finance | topic | Plan contable; Presupuesto; Tesorería; Obligaciones fiscales
governance | need | La junta directiva tiene poca participación y hay que actualizar los estatutos.
governance | need | Queremos mejorar la transparencia y el buen gobierno de la asociación.
governance | offer | Buen gobierno, funcionamiento de la junta directiva y reforma de estatutos.
governance | offer | Transparencia y rendición de cuentas en asociaciones y fundaciones.
governance | goal | Actualizar los estatutos | Estatutos de 1998 que no reflejan la actividad actual | Estatutos nuevos aprobados e inscritos en el registro
governance | goal | Publicar la información de transparencia | Sin información económica pública | Cuentas y memoria publicadas en la web
governance | topic | Funciones de la junta; Estatutos; Asamblea general; Portal de transparencia
projects | need | Queremos mejorar el diseño de cada proyecto y su evaluación con indicadores.
projects | need | La justificación de los proyectos nos lleva demasiado tiempo.
projects | offer | Diseño y evaluación de proyectos sociales con marco lógico e indicadores.
projects | offer | Justificación técnica y económica de proyectos subvencionados.
projects | goal | Diseñar un proyecto con marco lógico | Los proyectos se escriben sin objetivos medibles | Un proyecto presentado con marco lógico e indicadores
projects | goal | Evaluar el impacto de un programa | Solo se cuentan las personas atendidas | Informe de evaluación con indicadores de resultado
projects | topic | Árbol de problemas; Marco lógico; Indicadores; Justificación
networking | need | Estamos aisladas: queremos crear alianzas con otras entidades del barrio.
networking | need | Nos gustaría entrar en una red o plataforma del tercer sector.
networking | offer | Trabajo en red, alianzas y proyectos en colaboración entre entidades.
networking | offer | Coordinación de plataformas y redes de entidades sociales.
networking | goal | Firmar un convenio de colaboración | Ninguna alianza formal con otras entidades | Un convenio firmado y un proyecto conjunto en marcha
networking | goal | Entrar en una red del sector | La entidad no participa en ninguna red | Entidad socia de una plataforma territorial
networking | topic | Mapa de actores; Convenios; Proyectos conjuntos; Plataformas del sector
"""  # noqa: E501

Goal = tuple[str, str, str]


Texts = dict[str, list[str]]


def _areas() -> tuple[Texts, Texts, dict[str, list[Goal]], Texts]:
    needs: Texts = {}
    offers: Texts = {}
    goals: dict[str, list[Goal]] = {}
    topics: Texts = {}
    for line in _AREA_LINES.strip().splitlines():
        area, kind, *rest = (part.strip() for part in line.split("|"))
        if kind == "need":
            needs.setdefault(area, []).append(rest[0])
        elif kind == "offer":
            offers.setdefault(area, []).append(rest[0])
        elif kind == "goal":
            goals.setdefault(area, []).append((rest[0], rest[1], rest[2]))
        else:
            topics[area] = [topic.strip() for topic in rest[0].split(";")]
    return needs, offers, goals, topics


NEEDS, OFFERS, GOALS, TOPICS = _areas()

# What a mentor's person record says about them: "{years} años de experiencia en {phrase}".
AREA_PHRASES = {
    "quality": "sistemas de calidad",
    "leadership": "liderazgo de equipos",
    "fundraising": "captación de fondos",
    "management": "gestión y planificación estratégica",
    "equality": "igualdad de género",
    "communication": "comunicación",
    "volunteering": "gestión del voluntariado",
    "digital": "herramientas digitales",
    "finance": "contabilidad y finanzas",
    "governance": "gobernanza y juntas directivas",
    "projects": "diseño y evaluación de proyectos",
    "networking": "trabajo en red y alianzas",
}
GENERIC_GOALS: tuple[Goal, ...] = (
    (
        "Compartir lo aprendido con el equipo",
        "Lo trabajado en la mentoría solo lo conoce la persona mentorizada",
        "Una sesión interna para presentar herramientas y acuerdos",
    ),
    (
        "Dejar por escrito un plan de continuidad",
        "Sin plan para cuando acabe la mentoría",
        "Plan de seis meses con tareas y responsables",
    ),
)

SUMMARIES = (
    "Revisamos los avances desde la última sesión y trabajamos sobre {topic}.",
    "Sesión centrada en {topic}; se compartieron ejemplos de otras entidades.",
    "Analizamos las dificultades encontradas con {topic} y buscamos alternativas.",
    "Repasamos el plan de trabajo: {topic} avanza según lo previsto.",
    "Sesión breve de seguimiento; dedicamos la mayor parte a {topic}.",
)
AGREEMENTS = (
    "Preparar un borrador antes de la próxima sesión.",
    "Compartir el documento con la junta directiva.",
    "Probar la herramienta con el equipo durante dos semanas.",
    "Enviar por correo los materiales comentados.",
    "",
)
NEXT_STEPS = (
    "Revisar el borrador en la próxima sesión.",
    "Presentar la propuesta al equipo y traer sus comentarios.",
    "Fijar por correo la fecha de la siguiente sesión.",
    "Medir el indicador y compararlo con el punto de partida.",
    "",
)
CONFIDENTIAL_NOTES = (
    "Comenta tensiones con la dirección de su entidad; prefiere que no conste en ningún informe.",
    "Atraviesa una situación personal complicada; bajaremos el ritmo unas semanas.",
    "Duda si seguir en la entidad el próximo año.",
    "Conflicto con una compañera del equipo; lo trabajaremos con cuidado.",
    "Preocupación por la situación económica de la entidad; no compartir con otras entidades.",
)

FINAL_ASSESSMENTS = {
    "goals_achieved": "Se han alcanzado los objetivos del acuerdo. La persona mentorizada valora "
    "muy bien el acompañamiento y su entidad ya aplica lo trabajado.",
    "planned_end": "Llegamos al final previsto con la mayor parte de los objetivos en marcha; "
    "la entidad seguirá sola con el plan acordado.",
    "mentee_left": "La persona mentorizada dejó la entidad y no fue posible seguir.",
    "mentor_left": "La persona mentora cambió de trabajo; se ofrece otra pareja a la entidad.",
    "not_a_match": "Las expectativas no encajaban; lo hablamos y decidimos cerrar la mentoría.",
    "no_time": "La carga de trabajo de la entidad no dejaba tiempo para las sesiones.",
    "other": "Cierre acordado por ambas partes.",
}
FREQUENCY_WORDS = {
    "weekly": "cada semana",
    "fortnightly": "cada dos semanas",
    "monthly": "una vez al mes",
    "bimonthly": "cada dos meses",
    "as_needed": "cuando haga falta",
}
COMMITMENTS = (
    "Reunirnos {frequency} durante el periodo acordado, preparar cada sesión, avisar con "
    "antelación si hay que cambiar una cita y revisar los objetivos cada tres meses."
)
CONFIDENTIALITY = (
    "Lo que se hable en las sesiones es confidencial. Fuera de la pareja solo se comparten los "
    "datos de seguimiento del programa (fechas, duración, objetivos y su avance), nunca las "
    "notas confidenciales."
)
PAIR_NOTES = (
    "Pareja propuesta en el foro de entidades.",
    "Se conocieron en una cápsula formativa.",
    "La entidad lo pidió en la encuesta de necesidades.",
    "",
    "",
    "",
)
ACHIEVED_NOTE = "Objetivo cumplido."
PAUSE_NOTE = "En pausa desde el {date}: {reason}"
PAUSE_REASONS = (
    "baja temporal de la persona mentorizada.",
    "cierre de la justificación anual en la entidad.",
    "cambio de coordinación en la entidad.",
)
MENTOR_NOTES = (
    "Prefiere las sesiones por videollamada.",
    "Disponible por las tardes.",
    "Participó en la edición anterior del programa.",
    "",
    "",
)
