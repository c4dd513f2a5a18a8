"""How Vejviser's forms treat what the person writes while a form is active: a form takes only its own answers, and
says once per message that personal data is not needed."""

from __future__ import annotations

import re
from abc import ABCMeta, abstractmethod

from rasa_sdk.events import ActionExecutionRejected, EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.interfaces import Tracker
from rasa_sdk.types import DomainDict

from actions.dialogue import latest_intent
from contract.constants import PERSONAL_DATA_TOKENS

# The privacy gateway's stand-ins: personal data the person typed, removed before Rasa saw it.
PERSONAL_DATA = re.compile("|".join(re.escape(token) for token in PERSONAL_DATA_TOKENS.values()))


def answered_since_written(events: list[EventType], form: str) -> bool:
    """Whether an action other than the form already answered the latest message: the form comes back after an
    answer to a question, rather than running right after the person wrote."""
    for event in reversed(events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "action" and event.get("name") not in ("action_listen", "action_extract_slots", form):
            return True
    return False


class AnswersOnlyForm(FormValidationAction, metaclass=ABCMeta):
    """The validation of a form that takes only its own answers.

    Right after the person writes, the form refuses any message that is not one of its answers (by intent), so the
    rules answer it: a question, or a step of the guided script. The rules then come back to the form, or leave it.
    Without this, the form would take a municipality named in a question as an answer, and ask again.
    When the form comes back after such an answer, it goes on as any form does (`take_answer`).

    Personal data that the privacy gateway removed from the message is met with `utter_personal_data_not_needed`,
    once per message: only when the form runs right after the person wrote.

    A subclass names the form's validation action (`validate_<form>`) and its answer intents (`answers`). The domain
    must hold `utter_personal_data_not_needed` and rules that answer every other intent while the form is active.
    Abstract, so the action server does not register it.
    """

    @property
    @abstractmethod
    def answers(self) -> frozenset[str]:
        """The intents the form takes as answers to its questions."""

    async def is_answer(self, tracker: Tracker) -> bool:
        """Whether the message answers the form's question; by default, by its intent. A subclass may also take
        what the message holds (a typed time, a municipality) whatever the classifier made of it."""
        return latest_intent(tracker) in self.answers

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        just_written = not answered_since_written(tracker.events, self.form_name())
        if just_written and PERSONAL_DATA.search(tracker.latest_message.get("text") or ""):
            dispatcher.utter_message(response="utter_personal_data_not_needed")
        if just_written and not await self.is_answer(tracker):
            return [ActionExecutionRejected(self.form_name())]
        return await self.take_answer(dispatcher, tracker, domain)

    async def take_answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Extracts and validates the form's slots, as any form does; a subclass may wrap it."""
        return await super().run(dispatcher, tracker, domain)
