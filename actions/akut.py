"""Danger to life: 112 and Livslinien, at once, whatever else is going on."""

from __future__ import annotations

from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.interfaces import Action, Tracker
from rasa_sdk.types import DomainDict

from actions.answers import utter_knowledge
from actions.plumbing.client import ServiceUnavailable, UsesService

EMERGENCY_FACTS = ("national-akut-112", "national-akut-livslinien")


class ActionEmergency(UsesService, Action):
    def name(self) -> str:
        return "action_emergency"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        try:
            facts = await self.client.national_facts()
        except ServiceUnavailable:
            # The numbers must reach the person even when the knowledge base cannot be read.
            dispatcher.utter_message(response="utter_emergency_fallback")
            return []
        for fact_id in EMERGENCY_FACTS:
            utter_knowledge(dispatcher, facts[fact_id])
        return []
