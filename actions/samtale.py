"""The conversation itself: what Vejviser can help with."""

from __future__ import annotations

from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.interfaces import Action, Tracker
from rasa_sdk.types import DomainDict

from actions.client import ServiceUnavailable, service_client


def join_danish(names: list[str]) -> str:
    """'Faxe, Odsherred og Vordingborg'."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} og {names[-1]}"


class ActionLookupMunicipalities(Action):
    """Fill `covered_municipalities` for `utter_capabilities`; unset when the service fails."""

    def name(self) -> str:
        return "action_lookup_municipalities"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        try:
            names = await service_client().municipality_names()
        except ServiceUnavailable:
            return [SlotSet("covered_municipalities", None)]
        return [SlotSet("covered_municipalities", join_danish(names) or None)]
