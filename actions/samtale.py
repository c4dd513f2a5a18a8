"""The conversation itself: what Vejviser can help with, and what to do when it is unsure."""

from __future__ import annotations

from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.interfaces import Action, Tracker
from rasa_sdk.types import DomainDict

from actions.answers import KnowledgeAction, topic_buttons, topic_of
from actions.municipalities import join_danish, names
from actions.plumbing.client import ServiceUnavailable, UsesService
from actions.plumbing.usage import count
from contract.constants import NO_TOPIC

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


class ActionClarify(KnowledgeAction):
    """Low confidence: ask which of the likely topics it is about, with buttons, instead of guessing."""

    def name(self) -> str:
        return "action_clarify"

    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        topics = {topic.id: topic for topic in await self.client.topics()}
        ranked = (topic_of(intent.get("name")) for intent in tracker.latest_message.get("intent_ranking", []))
        likely = [topic for topic in dict.fromkeys(ranked) if topic in topics][:CLARIFY_BUTTONS]
        chosen = likely or list(COMMON_TOPICS)
        dispatcher.utter_message(response="utter_clarify", buttons=topic_buttons([topics[t] for t in chosen]))
        municipality = tracker.get_slot("municipality")
        if municipality:  # counted by the guess only: the text is never stored
            await count(self.client, "fallbacks", municipality, likely[0] if likely else NO_TOPIC)
        return []
