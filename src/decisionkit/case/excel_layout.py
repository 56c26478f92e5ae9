"""The layout of the Excel form of a case: its sheets, their columns and their help texts."""

from __future__ import annotations

from dataclasses import dataclass

from decisionkit.case.model import METHODS

__all__ = [
    "CASE_ROWS",
    "FOOTPRINT_SHEETS",
    "README",
    "README_TEXT",
    "REQUIRED_SHEETS",
    "SHEETS",
    "Column",
]


@dataclass(frozen=True)
class Column:
    """A column of a sheet (or a row of the ``case`` sheet)."""

    name: str
    kind: str  # text (trimmed) | prose (verbatim) | number | int | estimate | after | json | date
    help: str
    choices: tuple[str, ...] = ()


_EST = "Nombre (valeur fixe), « min; probable; max » ou « loi paramètres » (ex. « lognormal p10=40; p90=140 »). Number, « min; likely; max » or « law params »."  # noqa: E501

_YN = ("oui", "non")
_FACTOR = "factor id or kgCO2e per unit"

CASE_ROWS = (
    Column("case", "prose", "Intitulé du projet / project title (required)"),
    Column("organisation", "prose", "Organisation"),
    Column("description", "prose", "Description"),
    Column("currency", "text", "Devise ISO 4217 / currency (EUR)"),
    Column("duration_unit", "text", "Unité des durées : jours ouvrés / working days", ("days",)),
    Column("start", "date", "Date de début / start date"),
    Column(
        "deadline",
        "date",
        "Date de mise en service visée (après start) / go-live deadline (after start)",
    ),
    Column(
        "holidays",
        "text",
        "Jours fériés français exclus (fr) ou non (none) / French public holidays",
        ("fr", "none"),
    ),
    Column("horizon_years", "int", "Horizon du coût complet (années) / TCO horizon (years)"),
    Column(
        "legacy_run_cost_per_year",
        "estimate",
        "Coût annuel de l'existant jusqu'à la mise en service / "
        "legacy run cost per year until go-live. " + _EST,
    ),
    Column(
        "budget",
        "number",
        "Budget dans la devise du cas (> 0), investissement ou coût complet selon budget_basis "
        "/ budget in the case currency (> 0), capex or TCO as budget_basis says",
    ),
    Column(
        "budget_basis",
        "text",
        "Le budget couvre l'investissement (capex) ou le coût complet sur l'horizon (tco) / "
        "the budget covers capex or the TCO over the horizon",
        ("capex", "tco"),
    ),
    Column(
        "confidence",
        "number",
        "Niveau de confiance des budget et date à tenir, entre 0,5 et 0,99 (0,8 par défaut) / "
        "confidence level of the budget and date to hold, 0.5 to 0.99 (0.8 by default)",
    ),
    Column(
        "default_distribution",
        "text",
        "Loi des estimations « min; probable; max » / law of the 3-point shorthand",
        ("pert", "triangular"),
    ),
    Column("method", "text", "Méthode multicritère / MCDA method", METHODS),
    Column(
        "normalization",
        "text",
        "Normalisation (TOPSIS, somme pondérée) / normalisation",
        ("minmax", "max", "sum", "vector"),
    ),
    Column("vikor_v", "number", "VIKOR : poids de la stratégie majoritaire v (0-1) / VIKOR's v"),
    Column("notes", "prose", "Notes"),
    Column(
        "team",
        "json",
        "Compétences disponibles : feuille team ; [] = équipe vide / in-house skills: team sheet",
    ),
    Column(
        "sourcing",
        "json",
        "Comment combler les écarts de compétences (JSON) / how skills gaps are closed (JSON)",
    ),
    Column(
        "competences",
        "json",
        "Catalogue de compétences propre (JSON, sinon e-CF 4.0) / own competence catalogue",
    ),
    Column(
        "legacy_footprint",
        "json",
        "Empreinte de l'existant jusqu'à la mise en service (JSON) / legacy footprint (JSON)",
    ),
    Column(
        "factors",
        "json",
        "Facteurs d'impact remplacés (JSON) / overridden impact factors (JSON): "
        '{"FR": [0.05, 0.06, 0.1]}',
    ),
    Column(
        "embodied_allocation",
        "text",
        "Imputation de la fabrication : part de vie sur l'horizon (horizon) ou à l'achat "
        "(purchase) / embodied impact: share of life within the horizon, or at purchase",
        ("horizon", "purchase"),
    ),
    Column(
        "carbon_price",
        "factor",
        "Prix du carbone par tCO2e (nombre, estimation ou id, ex. fr-vac-2030) / shadow carbon "
        "price per tCO2e (a number, an estimate or an id such as fr-vac-2030)",
    ),
)

SHEETS: dict[str, tuple[Column, ...]] = {
    "options": (
        Column("id", "text", "Identifiant de l'option (lettres, chiffres, _ ou -) / option id"),
        Column("name", "prose", "Nom / name"),
        Column("description", "prose", "Description"),
        Column("go_live", "text", "Tâche de mise en service (vide = fin du plan) / go-live task"),
        Column(
            "run_cost_per_year",
            "estimate",
            "Coût de fonctionnement annuel / run cost per year. " + _EST,
        ),
        Column(
            "budget",
            "number",
            "Budget propre à l'option (vide = celui du cas) / this option's budget (empty: the "
            "case's)",
        ),
        Column(
            "deadline",
            "date",
            "Date de mise en service visée pour l'option (vide = celle du cas) / this option's "
            "go-live deadline (empty: the case's)",
        ),
        Column("notes", "prose", "Notes"),
        Column(
            "footprint",
            "json",
            'Empreinte : champs du bloc (JSON, ex. {"electricity": "FR"}), lignes dans les '
            "feuilles equipment, energy, cloud, network, devices / footprint block fields",
        ),
        Column(
            "eco_design",
            "json",
            'Écoconception RGESN (JSON) / eco-design: {"compliant": "1.1, 1.2", '
            '"not_applicable": "5.1"}',
        ),
        Column(
            "skills",
            "json",
            "Besoins en compétences : feuille skills ; [] = aucun besoin / skills needs sheet",
        ),
    ),
    "tasks": (
        Column("option", "text", "Option à laquelle la tâche appartient / option id"),
        Column("id", "text", "Identifiant de la tâche / task id"),
        Column("name", "prose", "Libellé / name"),
        Column("duration", "estimate", "Durée en jours ouvrés / duration (working days). " + _EST),
        Column("cost", "estimate", "Coût fixe / fixed cost. " + _EST),
        Column(
            "cost_per_day",
            "estimate",
            "Coût par jour ouvré de la tâche / cost per working day. " + _EST,
        ),
        Column(
            "after",
            "after",
            "Prédécesseurs « a; b+5 » (décalage de 5 jours) / predecessors, 'b+5' = 5-day lag",
        ),
        Column("notes", "prose", "Notes"),
    ),
    "risks": (
        Column("option", "text", "Option"),
        Column("id", "text", "Identifiant du risque / risk id"),
        Column("name", "prose", "Libellé / name"),
        Column("probability", "number", "Probabilité d'occurrence entre 0 et 1 / probability"),
        Column(
            "task",
            "text",
            "Tâche retardée (vide = fin de projet) / delayed task (empty: project end)",
        ),
        Column(
            "delay", "estimate", "Retard en jours ouvrés si le risque survient / delay. " + _EST
        ),
        Column("cost", "estimate", "Surcoût si le risque survient / cost impact. " + _EST),
        Column("owner", "prose", "Responsable / owner"),
        Column("notes", "prose", "Notes"),
        Column(
            "mitigation_action_cost",
            "estimate",
            "Coût de l'action de mitigation / mitigation action cost. " + _EST,
        ),
        Column(
            "mitigation_probability",
            "number",
            "Probabilité après mitigation / probability after mitigation",
        ),
        Column(
            "mitigation_delay",
            "estimate",
            "Retard après mitigation / delay after mitigation. " + _EST,
        ),
        Column(
            "mitigation_cost",
            "estimate",
            "Surcoût après mitigation / cost after mitigation. " + _EST,
        ),
        Column("mitigation_owner", "prose", "Responsable de la mitigation / mitigation owner"),
        Column("mitigation_notes", "prose", "Description de la mitigation / mitigation notes"),
    ),
    "correlations": (
        Column("option", "text", "Option"),
        Column("estimate_a", "text", "Estimation, ex. « migration.duration » / estimate"),
        Column("estimate_b", "text", "Estimation, ex. « recette.duration » / estimate"),
        Column("rho", "number", "Corrélation de rang (Spearman) entre -1 et 1 / rank correlation"),
    ),
    "skills": (
        Column("option", "text", "Option"),
        Column("competence", "text", "Compétence, code e-CF (ex. B.1) / competence (e-CF code)"),
        Column("level", "int", "Niveau e-CF requis, 1 à 5 / e-CF level needed, 1 to 5"),
        Column("fte", "number", "ETP nécessaires / FTE needed"),
        Column(
            "phase",
            "text",
            "build (projet, vide) ou run (après mise en service) / build (project) or run",
            ("build", "run"),
        ),
        Column(
            "tasks",
            "list",
            "Tâches qui en ont besoin « a; b » (vide = tout le projet) / tasks that need it",
        ),
        Column("critical", "bool", "Compétence critique : oui ou non / critical: yes or no", _YN),
        Column(
            "close_by",
            "text",
            "Comment combler l'écart (vide = règle du cas) / how the gap is closed",
            ("train", "recruit", "contract"),
        ),
        Column("notes", "prose", "Notes"),
    ),
    "equipment": (
        Column("option", "text", "Option"),
        Column("type", "text", "Type : laptop, desktop, monitor, smartphone, tablet, server..."),
        Column("name", "prose", "Libellé / name"),
        Column("quantity", "estimate", "Nombre d'unités / units. " + _EST),
        Column("embodied", "factor", "Fabrication kgCO2e/unité (vide = table) / " + _FACTOR),
        Column("lifetime_years", "number", "Durée de vie en années (vide = table) / lifetime"),
        Column("reused", "bool", "Réemploi d'un équipement existant : oui ou non / reused", _YN),
        Column("power_w", "estimate", "Puissance moyenne en W / average power. " + _EST),
        Column("hours_per_year", "estimate", "Heures de fonctionnement par an (8760) / hours"),
        Column("pue", "factor", "PUE du centre de données (datacentre-average...) / PUE"),
        Column("electricity", "factor", "Zone (FR, EU...) ou kgCO2e/kWh / electricity"),
        Column("boavizta", "json", 'Modèle boaviztapi (JSON), ex. {"archetype": "dellR740"}'),
    ),
    "energy": (
        Column("option", "text", "Option"),
        Column("name", "prose", "Libellé / name"),
        Column("kwh_per_year", "estimate", "kWh par an au compteur / kWh a year. " + _EST),
        Column("pue", "factor", "PUE (vide = 1) / PUE"),
        Column("electricity", "factor", "Zone (FR, EU...) ou kgCO2e/kWh / electricity"),
    ),
    "cloud": (
        Column("option", "text", "Option"),
        Column("name", "prose", "Libellé / name"),
        Column("vcpu_hours_per_year", "estimate", "vCPU-heures par an / vCPU-hours a year"),
        Column("instances", "estimate", "Nombre d'instances / instances. " + _EST),
        Column("vcpus", "number", "vCPU par instance / vCPUs per instance"),
        Column("hours_per_year", "estimate", "Heures par an par instance (8760) / hours"),
        Column("watts_per_vcpu", "factor", "W par vCPU (vide = cloud-vcpu) / W per vCPU"),
        Column("pue", "factor", "PUE (vide = hyperscale) / PUE"),
        Column("electricity", "factor", "Zone de la région (FR, EU...) / region's grid"),
        Column("embodied_per_vcpu_hour", "estimate", "Fabrication kgCO2e par vCPU-heure"),
        Column(
            "boavizta", "json", 'Type d\'instance (JSON) {"provider": ..., "instance_type": ...}'
        ),
    ),
    "network": (
        Column("option", "text", "Option"),
        Column("name", "prose", "Libellé / name"),
        Column("gb_per_year", "estimate", "Go transférés par an / GB a year. " + _EST),
        Column("kwh_per_gb", "factor", "kWh par Go (vide = network) / kWh per GB"),
        Column("electricity", "factor", "Zone (FR, EU...) ou kgCO2e/kWh / electricity"),
    ),
    "devices": (
        Column("option", "text", "Option"),
        Column("type", "text", "Type de terminal : laptop, desktop, smartphone, tablet..."),
        Column("name", "prose", "Libellé / name"),
        Column("quantity", "estimate", "Nombre de terminaux / devices. " + _EST),
        Column("share", "estimate", "Part de leur vie prise par le service (0-1) / share"),
        Column("embodied", "factor", "Fabrication kgCO2e/unité (vide = table) / " + _FACTOR),
        Column("lifetime_years", "number", "Durée de vie en années (vide = table) / lifetime"),
        Column("power_w", "estimate", "Puissance moyenne en W / average power"),
        Column("hours_per_year", "estimate", "Heures par an passées sur le service / hours"),
        Column("electricity", "factor", "Zone (FR, EU...) ou kgCO2e/kWh / electricity"),
        Column("boavizta", "json", 'Modèle boaviztapi (JSON), ex. {"archetype": "laptop-pro"}'),
    ),
    "team": (
        Column("competence", "text", "Compétence disponible en interne, code e-CF / competence"),
        Column("level", "int", "Niveau e-CF détenu, 1 à 5 / e-CF level held"),
        Column("fte", "number", "ETP disponibles / FTE available"),
        Column("notes", "prose", "Notes"),
    ),
    "scores": (
        Column(
            "option", "text", "Option ; une colonne par note d'expert / one column per expert score"
        ),
    ),
    "criteria": (
        Column("id", "text", "Identifiant du critère / criterion id"),
        Column("name", "prose", "Libellé / name"),
        Column("from", "text", "Source : tco.p80, capex.mean, finish.p90, scores.<nom>..."),
        Column("direction", "text", "min (moins c'est mieux) ou max / min or max", ("min", "max")),
        Column("weight", "number", "Poids (>= 0, normalisés) / weight"),
        Column("unit", "prose", "Unité / unit"),
        Column(
            "preference",
            "text",
            "PROMETHEE : fonction de préférence / preference function",
            ("usual", "u-shape", "v-shape", "level", "linear", "gaussian"),
        ),
        Column("q", "number", "PROMETHEE : seuil d'indifférence / indifference threshold"),
        Column("p", "number", "PROMETHEE : seuil de préférence / preference threshold"),
        Column("s", "number", "PROMETHEE gaussien : paramètre s / Gaussian parameter"),
        Column("notes", "prose", "Notes"),
    ),
}
REQUIRED_SHEETS = ("case", "options", "tasks")
FOOTPRINT_SHEETS = ("equipment", "energy", "cloud", "network", "devices")
"""Sheets holding the lines of the options' footprint blocks."""
README = "README"

README_TEXT = (
    "decisionkit — dossier de décision / decision case",
    "",
    "FR : une feuille par table. Survolez l'en-tête d'une colonne pour son aide. Une estimation "
    "s'écrit comme un nombre (valeur fixe), « min; probable; max » (loi du champ "
    "default_distribution, PERT par défaut) ou « loi paramètres », par exemple "
    "« triangular 10; 12; 20 », « uniform 10; 20 », « normal mean=100; sd=15 », "
    "« lognormal p10=40; p90=140 ». Les durées sont en jours ouvrés. Colonne after : "
    "« conception; marche+5 » (la tâche commence 5 jours après la fin de marche).",
    "Budget et échéance : feuille case, lignes budget (investissement, ou coût complet avec "
    "budget_basis = tco), deadline (date de mise en service visée) et confidence (0,8 = 80 %) ; "
    "colonnes budget et deadline de la feuille options pour une option qui a les siens.",
    "Empreinte : une ligne d'inventaire par ligne des feuilles equipment, energy, cloud, network "
    "et devices ; compétences : feuilles skills (besoins) et team (équipe interne) ; cases "
    "oui/non ; listes « a; b ».",
    "Vérifier : decisionkit validate ce_fichier.xlsx   —   Convertir : decisionkit convert "
    "ce_fichier.xlsx cas.yaml",
    "",
    "EN: one sheet per table. Hover a column header for its help. An estimate is a number "
    "(fixed), « min; likely; max » (the default_distribution law, PERT unless set) or « law "
    "parameters » as above. Durations are in working days. after column: « design; "
    "procurement+5 » (starts 5 working days after procurement ends).",
    "Budget and deadline: case sheet rows budget (capex, or TCO with budget_basis = tco), "
    "deadline (go-live date) and confidence (0.8 = 80 %); the options sheet's budget and "
    "deadline columns for an option with its own.",
    "Footprint: one inventory line per row of the equipment, energy, cloud, network and "
    "devices sheets; skills: the skills (needs) and team (in-house) sheets; yes/no cells take "
    "oui/non; lists « a; b ».",
    "Check: decisionkit validate this_file.xlsx   —   Convert: decisionkit convert "
    "this_file.xlsx case.yaml",
)
