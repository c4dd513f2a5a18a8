"""The conversation itself: what Vejviser can help with."""

from __future__ import annotations

from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.interfaces import Action, Tracker
from rasa_sdk.types import DomainDict

from actions.municipalities import join_danish, names
from actions.plumbing.client import ServiceUnavailable, UsesService

CLARIFY_BUTTONS = 3
# Offered when none of the likely intents is a topic.
COMMON_TOPICS = ("kontakt", "anonym", "pris")


class ActionLookupMunicipalities(UsesService, Action):
    """Fill `covered_municipalities` for `utter_capabilities`; unset when the service fails."""

    def name(self) -> str:
        return "action_lookup_municipalities"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        try:
            covered = list(names(await self.client.municipalities()).values())
        except ServiceUnavailable:
            return [SlotSet("covered_municipalities", None)]
        return [SlotSet("covered_municipalities", join_danish(covered) or None)]
