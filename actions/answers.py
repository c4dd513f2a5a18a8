"""Answers from the knowledge base, for every knowledge topic: by municipality, age and audience, or side by side.

The texts are the knowledge base's; the actions choose which facts to send and frame them with named responses.
"""

from __future__ import annotations

from abc import ABCMeta, abstractmethod

from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.interfaces import Action, Tracker
from rasa_sdk.types import DomainDict

from actions.municipalities import join_danish, municipality_buttons, named_municipalities, names
from actions.plumbing.client import ServiceClient, ServiceUnavailable, UsesService
from actions.plumbing.usage import count, count_conversation
from contract.models import AgeRangePublic, FactPublic, SourcePublic, TopicAnswerPublic, TopicPublic

RELATIVE_INTENTS = {"inform_relative", "ask_paaroerende"}
# Intents that are not `ask_<topic>` but are answered from a topic.
TOPIC_OF_INTENT = {
    "inform_relative": "paaroerende",
    "talk_to_person": "kontakt",
}


def topic_of(intent: str | None) -> str | None:
    if not intent or intent == "ask_capabilities":
        return None
    if intent in TOPIC_OF_INTENT:
        return TOPIC_OF_INTENT[intent]
    return intent.removeprefix("ask_") if intent.startswith("ask_") else None


def latest_intent(tracker: Tracker) -> str | None:
    """The intent the rules matched on (for a low-confidence message, `nlu_fallback`)."""
    intent = tracker.latest_message.get("intent") or {}
    return intent.get("name")


def parse_age(value: object) -> int | None:
    try:
        age = int(str(value))
    except ValueError:
        return None
    return age if 0 < age < 120 else None


def age_buttons(groups: list[AgeRangePublic]) -> list[dict[str, str]]:
    return [{"title": group.label, "payload": f'/inform_age{{"age": "{group.example}"}}'} for group in groups]


def topic_buttons(topics: list[TopicPublic]) -> list[dict[str, str]]:
    return [{"title": topic.label.capitalize(), "payload": f"/ask_{topic.id}"} for topic in topics]


def sources_payload(sources: list[SourcePublic]) -> dict[str, object]:
    """The custom payload that carries a message's sources; the service's gateway folds it into the reply."""
    return {"sources": [source.dict() for source in sources]}


def utter_fact(
    dispatcher: CollectingDispatcher, fact: FactPublic, municipality_name: str, answer: str | None = None
) -> None:
    dispatcher.utter_message(
        response="utter_fact",
        municipality_name=municipality_name,
        answer=answer or fact.answer,
        json_message=sources_payload(fact.sources),
    )


def utter_knowledge(dispatcher: CollectingDispatcher, fact: FactPublic, answer: str | None = None) -> None:
    """A fact that belongs to no municipality (national), or English text that names its municipality itself."""
    sources = sources_payload(fact.sources)
    dispatcher.utter_message(response="utter_knowledge", answer=answer or fact.answer, json_message=sources)


async def ask_municipality(
    client: ServiceClient, dispatcher: CollectingDispatcher, pending_topic: str
) -> list[EventType]:
    buttons = municipality_buttons(await client.municipalities())
    dispatcher.utter_message(response="utter_ask_municipality", buttons=buttons)
    return [SlotSet("pending_topic", pending_topic)]


async def answer_other_municipality(client: ServiceClient, dispatcher: CollectingDispatcher) -> list[EventType]:
    """Vejviser covers five municipalities; every municipality must offer treatment."""
    covered = join_danish(list(names(await client.municipalities()).values()))
    dispatcher.utter_message(response="utter_other_municipality", covered_municipalities=covered)
    utter_knowledge(dispatcher, (await client.national_facts())["national-kommunen-skal-tilbyde"])
    return [SlotSet("pending_topic", None)]


def send_answer(dispatcher: CollectingDispatcher, answer: TopicAnswerPublic) -> None:
    """The facts; or that the standard says nothing, and whom to contact."""
    name = answer.municipality_name
    for fact in answer.facts:
        utter_fact(dispatcher, fact, name)
    silent = answer.not_stated
    if silent:
        dispatcher.utter_message(response="utter_fact", municipality_name=name, answer=silent.answer)
        if silent.contact:
            utter_fact(dispatcher, silent.contact, name)


async def compare(
    client: ServiceClient, dispatcher: CollectingDispatcher, topic: str, municipalities: list[str]
) -> list[EventType]:
    comparison = await client.compare(topic, municipalities)
    for answer in comparison.answers:
        send_answer(dispatcher, answer)
        await count(client, "questions", answer.municipality, topic)
    return [SlotSet("topic", topic), SlotSet("compare_with", None), SlotSet("pending_topic", None)]


async def respond(
    client: ServiceClient, dispatcher: CollectingDispatcher, tracker: Tracker, topic: str, audience: str | None
) -> list[EventType]:
    """Answer a topic for the municipality named now or remembered; ask for what is missing."""
    municipalities = await client.municipalities()
    named = named_municipalities(tracker, municipalities)
    # Municipalities named now win over a comparison still waiting for its topic.
    compare_with = named or list(tracker.get_slot("compare_with") or [])
    if len(compare_with) >= 2:
        return await compare(client, dispatcher, topic, compare_with)
    if not named and list(tracker.get_latest_entity_values("other_municipality")):
        return await answer_other_municipality(client, dispatcher)
    municipality = named[0] if named else tracker.get_slot("municipality")
    if municipality not in names(municipalities):
        return await ask_municipality(client, dispatcher, topic)
    age = parse_age(tracker.get_slot("age"))
    answer = await client.topic_answer(municipality, topic, audience, age)
    if answer.age_groups:
        dispatcher.utter_message(response="utter_ask_age", buttons=age_buttons(answer.age_groups))
        return [SlotSet("municipality", municipality), SlotSet("pending_topic", topic)]
    if answer.facts or answer.not_stated:
        send_answer(dispatcher, answer)
    else:  # the standard has facts on the topic, but none for this age
        label = answer.topic.label
        dispatcher.utter_message(
            response="utter_nothing_for_age", municipality_name=answer.municipality_name, topic_label=label
        )
        send_answer(dispatcher, await client.topic_answer(municipality, "kontakt", audience, age))
    await count(client, "questions", municipality, topic)
    return [
        SlotSet("municipality", municipality),
        SlotSet("topic", topic),
        SlotSet("pending_topic", None),
        SlotSet("compare_with", None),
    ]


class KnowledgeAction(UsesService, Action, metaclass=ABCMeta):
    """An action that asks the service. If the service cannot answer, the person is told so, never met by silence;
    the conversation is counted once for each municipality it comes to be about.

    Abstract, so the action server does not register it.
    """

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        try:
            events = await self.act(dispatcher, tracker)
        except ServiceUnavailable:
            dispatcher.utter_message(response="utter_service_unavailable")
            return []
        return events + await count_conversation(self.client, tracker, events)

    @abstractmethod
    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]: ...


class ActionAnswerTopic(KnowledgeAction):
    """Every knowledge topic, and the intents answered from one (relatives, talking to a person)."""

    def name(self) -> str:
        return "action_answer_topic"

    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        intent = latest_intent(tracker)
        topic = topic_of(intent)
        if topic is None:  # only the rules' topic intents lead here
            raise ValueError(f"action_answer_topic has no topic for intent {intent!r}")
        events: list[EventType] = []
        audience = tracker.get_slot("audience")
        if intent in RELATIVE_INTENTS:
            audience = "pårørende"
            events.append(SlotSet("audience", audience))
        if intent == "talk_to_person":
            dispatcher.utter_message(response="utter_talk_to_person")
        return events + await respond(self.client, dispatcher, tracker, topic, audience)
