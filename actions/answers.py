"""Answers from the knowledge base, for every knowledge topic: by municipality, age and audience, or side by side.

The texts are the knowledge base's; the actions choose which facts to send and frame them with named responses.
"""

from __future__ import annotations

from abc import ABCMeta, abstractmethod

from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.interfaces import Action, Tracker
from rasa_sdk.types import DomainDict

from actions.client import AgeGroup, Fact, Municipality, ServiceUnavailable, Topic, TopicAnswer, service_client
from actions.usage import count, count_conversation

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


def named_municipalities(tracker: Tracker, known: list[Municipality]) -> list[str]:
    """The covered municipalities named in the latest message, as ids, in order, once each."""
    ids = {municipality["id"] for municipality in known}
    named = (str(value).lower() for value in tracker.get_latest_entity_values("municipality"))
    return list(dict.fromkeys(value for value in named if value in ids))


def parse_age(value: object) -> int | None:
    try:
        age = int(str(value))
    except ValueError:
        return None
    return age if 0 < age < 120 else None


def municipality_buttons(municipalities: list[Municipality]) -> list[dict[str, str]]:
    return [
        {"title": m["name"], "payload": f'/inform_municipality{{"municipality": "{m["id"]}"}}'} for m in municipalities
    ]


def age_buttons(groups: list[AgeGroup]) -> list[dict[str, str]]:
    return [{"title": group["label"], "payload": f'/inform_age{{"age": "{group["example"]}"}}'} for group in groups]


def topic_buttons(topics: list[Topic]) -> list[dict[str, str]]:
    return [{"title": topic["label"].capitalize(), "payload": f"/ask_{topic['id']}"} for topic in topics]


def utter_fact(dispatcher: CollectingDispatcher, fact: Fact, municipality_name: str, answer: str | None = None) -> None:
    dispatcher.utter_message(
        response="utter_fact",
        municipality_name=municipality_name,
        answer=answer or fact["answer"],
        json_message={"sources": fact["sources"]},
    )


def utter_knowledge(dispatcher: CollectingDispatcher, fact: Fact, answer: str | None = None) -> None:
    """A fact that belongs to no municipality (national), or English text that names its municipality itself."""
    sources = {"sources": fact["sources"]}
    dispatcher.utter_message(response="utter_knowledge", answer=answer or fact["answer"], json_message=sources)


async def ask_municipality(dispatcher: CollectingDispatcher, pending_topic: str) -> list[EventType]:
    buttons = municipality_buttons(await service_client().municipalities())
    dispatcher.utter_message(response="utter_ask_municipality", buttons=buttons)
    return [SlotSet("pending_topic", pending_topic)]


async def answer_other_municipality(dispatcher: CollectingDispatcher) -> list[EventType]:
    """Vejviser covers five municipalities; every municipality must offer treatment."""
    names = [m["name"] for m in await service_client().municipalities()]
    covered = f"{', '.join(names[:-1])} og {names[-1]}"
    dispatcher.utter_message(response="utter_other_municipality", covered_municipalities=covered)
    utter_knowledge(dispatcher, (await service_client().national_facts())["national-kommunen-skal-tilbyde"])
    return [SlotSet("pending_topic", None)]


def send_answer(dispatcher: CollectingDispatcher, answer: TopicAnswer) -> None:
    """The facts; or that the standard says nothing, and whom to contact."""
    name = answer["municipality_name"]
    for fact in answer["facts"]:
        utter_fact(dispatcher, fact, name)
    silent = answer["not_stated"]
    if silent:
        dispatcher.utter_message(response="utter_fact", municipality_name=name, answer=silent["answer"])
        if silent["contact"]:
            utter_fact(dispatcher, silent["contact"], name)


async def compare(dispatcher: CollectingDispatcher, topic: str, municipalities: list[str]) -> list[EventType]:
    comparison = await service_client().compare(topic, municipalities)
    for answer in comparison["answers"]:
        send_answer(dispatcher, answer)
        await count("questions", answer["municipality"], topic)
    return [SlotSet("topic", topic), SlotSet("compare_with", None), SlotSet("pending_topic", None)]


async def respond(
    dispatcher: CollectingDispatcher, tracker: Tracker, topic: str, audience: str | None
) -> list[EventType]:
    """Answer a topic for the municipality named now or remembered; ask for what is missing."""
    client = service_client()
    named = named_municipalities(tracker, await client.municipalities())
    # Municipalities named now win over a comparison still waiting for its topic.
    compare_with = named or list(tracker.get_slot("compare_with") or [])
    if len(compare_with) >= 2:
        return await compare(dispatcher, topic, compare_with)
    if not named and list(tracker.get_latest_entity_values("other_municipality")):
        return await answer_other_municipality(dispatcher)
    municipality = named[0] if named else tracker.get_slot("municipality")
    if municipality not in {m["id"] for m in await client.municipalities()}:
        return await ask_municipality(dispatcher, topic)
    age = parse_age(tracker.get_slot("age"))
    answer = await client.topic_answer(municipality, topic, audience, age)
    if answer["age_groups"]:
        dispatcher.utter_message(response="utter_ask_age", buttons=age_buttons(answer["age_groups"]))
        return [SlotSet("municipality", municipality), SlotSet("pending_topic", topic)]
    if answer["facts"] or answer["not_stated"]:
        send_answer(dispatcher, answer)
    else:  # the standard has facts on the topic, but none for this age
        label = answer["topic"]["label"]
        dispatcher.utter_message(
            response="utter_nothing_for_age", municipality_name=answer["municipality_name"], topic_label=label
        )
        send_answer(dispatcher, await client.topic_answer(municipality, "kontakt", audience, age))
    await count("questions", municipality, topic)
    return [
        SlotSet("municipality", municipality),
        SlotSet("topic", topic),
        SlotSet("pending_topic", None),
        SlotSet("compare_with", None),
    ]


class KnowledgeAction(Action, metaclass=ABCMeta):
    """An action that asks the service. If the service cannot answer, the person is told so, never met by silence.

    Abstract, so the action server does not register it.
    """

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        try:
            events = await self.act(dispatcher, tracker)
        except ServiceUnavailable:
            dispatcher.utter_message(response="utter_service_unavailable")
            return []
        return events + await count_conversation(tracker, events)

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
        return events + await respond(dispatcher, tracker, topic, audience)
