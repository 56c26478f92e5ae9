"""The sustainability and skills blocks of a case: footprint inventory, eco-design answers,
skills needs, the in-house team and how skills gaps are closed.

These models only check the shape of the input; the factor tables (equipment, electricity
zones), the RGESN checklist and the competence catalogue are checked by
:func:`decisionkit.appraisal.check_assessments` (``decisionkit validate`` runs it).

Every quantity is an estimate (a number, ``[min, likely, max]`` or a mapping with a
``distribution``), sampled by the Monte Carlo engine. A factor is either the id of a row of
the shipped factor table (``FR``, ``server``...), overridable case-wide in ``factors``, or an
estimate given on the line itself.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    Strict,
    ValidationError,
    ValidationInfo,
)

from decisionkit.case.estimates import Estimate, EstimateField, _coerce_with_context
from decisionkit.case.fields import FrozenModel, NonNegative, Positive, UnitInterval, error_rule
from decisionkit.errors import rule

__all__ = [
    "BoaviztaDevice",
    "BoaviztaInstance",
    "Cloud",
    "Competence",
    "CompetenceTerms",
    "Contracting",
    "Device",
    "EcoDesign",
    "Energy",
    "Equipment",
    "Footprint",
    "Network",
    "Recruitment",
    "SkillNeed",
    "Sourcing",
    "TeamSkill",
    "Training",
]

ESTIMATE_KEYS = frozenset(
    {
        "quantity",
        "embodied",
        "power_w",
        "hours_per_year",
        "pue",
        "kwh_per_year",
        "vcpu_hours_per_year",
        "instances",
        "watts_per_vcpu",
        "embodied_per_vcpu_hour",
        "gb_per_year",
        "kwh_per_gb",
        "share",
        "electricity",
        "lead_time",
        "cost_per_hire",
        "daily_rate",
        "days_per_level",
        "cost_per_day",
        "time_to_proficiency",
        "carbon_price",
    }
)
"""Keys whose ``[min, likely, max]`` lists take the case's default distribution."""


def _level(value: int) -> int:
    if not 1 <= value <= 5:
        raise ValueError(rule("rule.assessment.level", level=str(value)))
    return value


def _factor_or_estimate(value: Any, info: ValidationInfo) -> Any:
    """A factor id, or an :class:`Estimate` built here so that errors name one rule only."""
    if isinstance(value, str):
        if not value.strip():
            raise ValueError(rule("rule.assessment.empty_factor"))
        return value.strip()
    if isinstance(value, Estimate):
        return value
    try:
        return Estimate.model_validate(_coerce_with_context(value, info))
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        raise ValueError(error_rule(first)) from None


Share = UnitInterval
Level = Annotated[int, Strict(), AfterValidator(_level)]
FactorRef = Annotated[str | Estimate, BeforeValidator(_factor_or_estimate)]
"""A factor-table id (``FR``, ``server``...) or an estimate given in place."""


# -- footprint ------------------------------------------------------------------------------


class BoaviztaDevice(FrozenModel):
    """Manufacturing impacts computed by Boavizta's library (``decisionkit[boavizta]``).

    ``archetype`` is one of boaviztapi's archetypes (servers: ``dellR740``,
    ``platform_compute_medium``...; terminals: ``laptop-pro``, ``desktop-pro``...), by default
    the library's default for the line's ``type``; ``configuration`` is a boaviztapi server
    configuration (``cpu``, ``ram``, ``disk``...) completed from the archetype.
    """

    archetype: str | None = None
    configuration: dict[str, Any] = Field(default_factory=dict)


class BoaviztaInstance(FrozenModel):
    """A cloud instance type whose manufacturing impact per hour boaviztapi knows."""

    provider: str
    instance_type: str


class Equipment(FrozenModel):
    """Equipment bought (or reused) for the option: embodied impact, and use when powered.

    ``type`` names an equipment factor (laptop, desktop, monitor, smartphone, tablet, server)
    unless ``embodied`` (kgCO2e per unit, manufacturing) and ``lifetime_years`` are given.
    The embodied impact is charged over the share of the equipment's life that falls within
    the horizon after go-live (``years in service / lifetime``, renewals included); reused
    equipment carries no new manufacturing impact. With ``power_w`` the equipment's energy is
    counted too (``power x hours_per_year x pue``, times the electricity factor).
    """

    type: str
    name: str = ""
    quantity: EstimateField
    embodied: FactorRef | None = None
    lifetime_years: Positive | None = None
    reused: bool = False
    power_w: EstimateField | None = None
    hours_per_year: EstimateField | None = None
    pue: FactorRef | None = None
    electricity: FactorRef | None = None
    boavizta: BoaviztaDevice | None = None


class Energy(FrozenModel):
    """Energy use given directly: ``kwh_per_year`` (at the meter), times ``pue`` if hosted."""

    name: str = ""
    kwh_per_year: EstimateField
    pue: FactorRef | None = None
    electricity: FactorRef | None = None


class Cloud(FrozenModel):
    """Cloud compute: ``vcpu_hours_per_year``, or ``instances x vcpus x hours_per_year``.

    Energy is ``vCPU-hours x watts_per_vcpu x pue`` (defaults: the ``cloud-vcpu`` and
    ``hyperscale`` factors); the embodied share is counted when ``embodied_per_vcpu_hour``
    (kgCO2e) is given, or computed by boaviztapi for a ``boavizta`` instance type.
    """

    name: str = ""
    vcpu_hours_per_year: EstimateField | None = None
    instances: EstimateField | None = None
    vcpus: Positive | None = None
    hours_per_year: EstimateField | None = None
    watts_per_vcpu: FactorRef | None = None
    pue: FactorRef | None = None
    electricity: FactorRef | None = None
    embodied_per_vcpu_hour: EstimateField | None = None
    boavizta: BoaviztaInstance | None = None


class Network(FrozenModel):
    """Data transferred over networks: ``gb_per_year x kwh_per_gb`` (default ``network``)."""

    name: str = ""
    gb_per_year: EstimateField
    kwh_per_gb: FactorRef | None = None
    electricity: FactorRef | None = None


class Device(FrozenModel):
    """End-user devices: the share of their life and energy that the service takes.

    Embodied: ``quantity x share x embodied x years in service / lifetime``. Use (optional):
    ``quantity x power_w x hours_per_year`` (hours spent on the service) times the factor.
    """

    type: str
    name: str = ""
    quantity: EstimateField
    share: EstimateField
    embodied: FactorRef | None = None
    lifetime_years: Positive | None = None
    power_w: EstimateField | None = None
    hours_per_year: EstimateField | None = None
    electricity: FactorRef | None = None
    boavizta: BoaviztaDevice | None = None


class Footprint(FrozenModel):
    """An option's environmental inventory over the horizon (or the legacy system's).

    ``electricity`` is the default zone (``FR``) or factor (kgCO2e/kWh) of every line that
    uses energy; a line may set its own (a cloud region abroad).
    """

    electricity: FactorRef = "FR"
    equipment: tuple[Equipment, ...] = ()
    energy: tuple[Energy, ...] = ()
    cloud: tuple[Cloud, ...] = ()
    network: tuple[Network, ...] = ()
    devices: tuple[Device, ...] = ()
    notes: str = ""


# -- eco-design -----------------------------------------------------------------------------


def _ids(value: Any) -> Any:
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(",") if part.strip())
    if isinstance(value, list | tuple):
        bad = [v for v in value if not isinstance(v, str)]
        if bad:
            raise ValueError(rule("rule.assessment.rgesn_ids", value=repr(bad[0])))
    return value


Ids = Annotated[tuple[str, ...], BeforeValidator(_ids)]


class EcoDesign(FrozenModel):
    """An RGESN 2024 self-assessment: the criteria met, not met and not applicable.

    Criteria listed nowhere are *not assessed* (counted as not met in the score).
    """

    compliant: Ids = ()
    not_compliant: Ids = ()
    not_applicable: Ids = ()
    notes: str = ""


# -- skills ---------------------------------------------------------------------------------


class SkillNeed(FrozenModel):
    """A competence an option needs: ``fte`` people at e-CF ``level`` or above.

    ``phase: build`` (the default): ``tasks`` are the tasks that need it (default: the whole
    project); a gap closed by recruitment or training delays them. ``phase: run``: needed
    from go-live to the end of the horizon (maintenance, operations); a gap closed by
    recruitment or training must be closed by go-live, and contracting is paid for each year
    in service. ``close_by`` overrides the case's sourcing rule.
    """

    competence: str
    level: Level
    fte: NonNegative
    phase: Literal["build", "run"] = "build"
    tasks: tuple[str, ...] = ()
    critical: bool = False
    close_by: Literal["train", "recruit", "contract"] | None = None
    notes: str = ""


class TeamSkill(FrozenModel):
    """In-house capacity: ``fte`` people holding ``competence`` at ``level``."""

    competence: str
    level: Level
    fte: NonNegative
    notes: str = ""


class Competence(FrozenModel):
    """A row of an organisation's own competence catalogue (replaces e-CF 4.0)."""

    code: str
    name: str = ""
    area: str = ""
    levels: tuple[Level, ...] = (1, 2, 3, 4, 5)


class Training(FrozenModel):
    """Raising in-house people by one or more levels: days and cost per level step."""

    days_per_level: EstimateField
    cost_per_day: EstimateField = Field(default_factory=lambda: Estimate.of(0))
    time_to_proficiency: EstimateField | None = None  # working days per level step
    max_levels: Annotated[int, Strict(), AfterValidator(_level)] = 1


class Recruitment(FrozenModel):
    """Hiring: ``lead_time`` in working days (uncertain), an optional cost per hire."""

    lead_time: EstimateField
    cost_per_hire: EstimateField = Field(default_factory=lambda: Estimate.of(0))


class Contracting(FrozenModel):
    """Contractors: a ``daily_rate`` per FTE-day; ``days_per_year`` for run-phase needs.

    ``days_per_year`` (default 252, the working days of the calendar) is what one FTE of
    contractor is paid for a year in service: set your billable days.
    """

    daily_rate: EstimateField
    days_per_year: Positive = 252.0


class CompetenceTerms(FrozenModel):
    """Per-competence terms overriding the case-wide ones (scarcity in [0, 1])."""

    lead_time: EstimateField | None = None
    daily_rate: EstimateField | None = None
    scarcity: Share | None = None
    close_by: Literal["train", "recruit", "contract"] | None = None


class Sourcing(FrozenModel):
    """How skills gaps are closed: training, recruitment or contracting, and their terms.

    The values of a case file are the organisation's own; decisionkit ships no market data.
    """

    close_by: Literal["recruit", "contract"] = "contract"
    training: Training | None = None
    recruitment: Recruitment | None = None
    contracting: Contracting | None = None
    competences: dict[str, CompetenceTerms] = Field(default_factory=dict)
