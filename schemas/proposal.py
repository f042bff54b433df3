"""``proposal`` → :class:`SecurityForceProposal`: what is proposed for the security force."""

from __future__ import annotations

from pydantic import BaseModel, Field, PrivateAttr

from .common import Conflict, Fact, MergedFact, Ungrounded

_COPY = " Copy the article's own words (a short phrase)."

#: Fields holding one value and fields holding a list, in the order the model fills them.
SCALAR_FIELDS = ("name", "objective", "size", "status")
#: The one-value fields that are a plain phrase (the size also has a troop number).
PHRASE_FIELDS = ("name", "objective", "status")
LIST_FIELDS = (
    "proposed_by",
    "preconditions",
    "capabilities",
    "deployment",
    "response_to_violation",
    "mandate",
    "open_questions",
    "phases",
)


class ProposalDraft(BaseModel):
    """Model-facing shape: short phrases copied from the article, no evidence."""

    name: str | None = Field(
        default=None,
        description="What the force or plan is called, e.g. 'reassurance force'." + _COPY,
    )
    proposed_by: list[str] = Field(
        default_factory=list, description="Countries that proposed or lead the plan."
    )
    objective: str | None = Field(default=None, description="What the force is for." + _COPY)
    preconditions: list[str] = Field(
        default_factory=list, description="What must happen first, e.g. a ceasefire." + _COPY
    )
    size: str | None = Field(
        default=None, description="Troop numbers as written, e.g. 'fewer than 30,000 troops'."
    )
    capabilities: list[str] = Field(
        default_factory=list,
        description="Weapons and means: heavy weapons, stockpiles, air, naval, drones." + _COPY,
    )
    deployment: list[str] = Field(
        default_factory=list, description="Where the force would be stationed." + _COPY
    )
    response_to_violation: list[str] = Field(
        default_factory=list,
        description="What happens if the ceasefire is broken, e.g. strikes." + _COPY,
    )
    mandate: list[str] = Field(
        default_factory=list, description="Mandate or link: UN, NATO." + _COPY
    )
    status: str | None = Field(
        default=None, description="How far along the plan is, e.g. 'preliminary'." + _COPY
    )
    open_questions: list[str] = Field(
        default_factory=list, description="Questions still unanswered." + _COPY
    )
    phases: list[str] = Field(
        default_factory=list, description="Steps in order, e.g. 'one-month ceasefire'." + _COPY
    )
    # Not a field: the model never sees it (see :meth:`not_asked`).
    _asked: bool = PrivateAttr(default=True)

    @classmethod
    def not_asked(cls) -> ProposalDraft:
        """The draft of an article not asked about a force: it speaks of no security force.

        The facts an article states in set forms (a purpose clause, "has not been decided")
        are then no force's either.
        """
        draft = cls()
        draft._asked = False
        return draft

    @property
    def asked(self) -> bool:
        """Whether the article was asked the proposal questions (copies keep it)."""
        return self._asked


class Size(BaseModel):
    """The force's size as written, and the number of troops where one is stated."""

    text: Fact
    troops: int | None = Field(default=None, description="Number of troops, where stated.")


class SecurityForceProposal(BaseModel):
    """The proposal as one article describes it; every value grounded in that article."""

    name: Fact | None = None
    proposed_by: list[Fact] = Field(default_factory=list, description="Canonical country names.")
    objective: Fact | None = None
    preconditions: list[Fact] = Field(default_factory=list)
    size: Size | None = None
    capabilities: list[Fact] = Field(default_factory=list)
    deployment: list[Fact] = Field(default_factory=list)
    response_to_violation: list[Fact] = Field(default_factory=list)
    mandate: list[Fact] = Field(default_factory=list)
    status: Fact | None = None
    open_questions: list[Fact] = Field(default_factory=list)
    phases: list[Fact] = Field(default_factory=list)
    ungrounded: list[Ungrounded] = Field(default_factory=list)


class MergedSize(BaseModel):
    """Merged size: the best-supported wording and the stated troop numbers."""

    text: MergedFact
    troops: int | None = None


class MergedProposal(BaseModel):
    """The proposal across all articles: near-duplicate phrases merged, with sources."""

    name: MergedFact | None = None
    proposed_by: list[MergedFact] = Field(default_factory=list)
    objective: MergedFact | None = None
    preconditions: list[MergedFact] = Field(default_factory=list)
    size: MergedSize | None = None
    capabilities: list[MergedFact] = Field(default_factory=list)
    deployment: list[MergedFact] = Field(default_factory=list)
    response_to_violation: list[MergedFact] = Field(default_factory=list)
    mandate: list[MergedFact] = Field(default_factory=list)
    status: MergedFact | None = None
    open_questions: list[MergedFact] = Field(default_factory=list)
    phases: list[MergedFact] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)
    conflicts: list[Conflict] = Field(default_factory=list)

    def facts(self) -> list[tuple[str, MergedFact]]:
        """Every fact with its field, as shown: one-value fields, the size, then the lists."""
        items = [(f, fact) for f in PHRASE_FIELDS if (fact := getattr(self, f))]
        if self.size is not None:
            items.append(("size", self.size.text))
        return items + [(f, fact) for f in LIST_FIELDS for fact in getattr(self, f)]
