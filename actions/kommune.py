"""Where the person lives and how old the person it is about is; comparing municipalities."""

from __future__ import annotations

from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.interfaces import Tracker

from actions.answers import KnowledgeAction, answer_other_municipality, compare, respond, topic_buttons
from actions.engelsk import answer_in_english
from actions.municipalities import municipality_buttons, named_municipalities, names


class ActionSetMunicipality(KnowledgeAction):
    """Remember the municipality, and answer the question that waited for it."""

    def name(self) -> str:
        return "action_set_municipality"

    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        municipalities = await self.client.municipalities()
        named = named_municipalities(tracker, municipalities)
        pending = tracker.get_slot("pending_topic")
        topic = pending or tracker.get_slot("topic")
        if len(named) >= 2 and topic and topic != "english":
            return await compare(self.client, dispatcher, topic, named)
        if not named:
            if list(tracker.get_latest_entity_values("other_municipality")):
                return await answer_other_municipality(self.client, dispatcher)
            dispatcher.utter_message(response="utter_ask_municipality", buttons=municipality_buttons(municipalities))
            return []
        if pending == "english":
            return await answer_in_english(self.client, dispatcher, named[0])
        if pending:
            return await respond(self.client, dispatcher, tracker, pending, tracker.get_slot("audience"))
        name = names(municipalities)[named[0]]
        dispatcher.utter_message(response="utter_municipality_set", municipality_name=name)
        return [SlotSet("municipality", named[0])]


class ActionSetAge(KnowledgeAction):
    """Remember the age of the person it is about, and answer the question that waited for it."""

    def name(self) -> str:
        return "action_set_age"

    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        pending = tracker.get_slot("pending_topic")
        if not pending or pending == "english":
            dispatcher.utter_message(response="utter_age_set")
            return []
        return await respond(self.client, dispatcher, tracker, pending, tracker.get_slot("audience"))


class ActionCompare(KnowledgeAction):
    """Two or more municipalities side by side, on the topic asked last, or on one the person chooses."""

    def name(self) -> str:
        return "action_compare"

    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        named = named_municipalities(tracker, await self.client.municipalities())
        remembered = tracker.get_slot("municipality")
        if len(named) == 1 and remembered and remembered != named[0]:
            named = [remembered, *named]
        if len(named) < 2:
            dispatcher.utter_message(response="utter_ask_compare_municipalities")
            return []
        topic = tracker.get_slot("topic")
        if topic:
            return await compare(self.client, dispatcher, topic, named)
        buttons = topic_buttons(await self.client.topics())
        dispatcher.utter_message(response="utter_ask_compare_topic", buttons=buttons)
        return [SlotSet("compare_with", named)]
