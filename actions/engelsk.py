"""English messages: contact, cost and anonymity in English, from the knowledge base; the rest in Danish."""

from __future__ import annotations

from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.interfaces import Tracker

from actions.answers import KnowledgeAction, utter_knowledge
from actions.municipalities import municipality_buttons, named_municipalities, names
from actions.plumbing.client import ServiceClient


async def answer_in_english(
    client: ServiceClient, dispatcher: CollectingDispatcher, municipality: str
) -> list[EventType]:
    """The facts of every topic the knowledge base also writes in English."""
    english = [topic.id for topic in await client.topics() if topic.english]
    answers = [await client.topic_answer(municipality, topic) for topic in english]
    dispatcher.utter_message(response="utter_english_intro", municipality_name=answers[0].municipality_name)
    for answer in answers:
        for fact in answer.facts:
            if fact.answer_en:
                utter_knowledge(dispatcher, fact, fact.answer_en)
    dispatcher.utter_message(response="utter_english_more")
    return [SlotSet("municipality", municipality), SlotSet("pending_topic", None)]


class ActionAnswerEnglish(KnowledgeAction):
    def name(self) -> str:
        return "action_answer_english"

    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        municipalities = await self.client.municipalities()
        named = named_municipalities(tracker, municipalities)
        municipality = named[0] if named else tracker.get_slot("municipality")
        if municipality in names(municipalities):
            return await answer_in_english(self.client, dispatcher, municipality)
        buttons = municipality_buttons(municipalities)
        dispatcher.utter_message(response="utter_english_ask_municipality", buttons=buttons)
        return [SlotSet("pending_topic", "english")]
