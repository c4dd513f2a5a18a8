"""Answers from the knowledge base, to every question about treatment: the best one to three facts of the
municipality's standard (the service ranks them), at once where they fit in a short reply, grouped by age where
they differ by it. A message that only gives a municipality, an age or that it is about a relative answers the
question before again with it; a question waits for the municipality it needs and is then answered.

The texts are the knowledge base's; the actions choose how to frame them with named responses.
"""

from __future__ import annotations

from abc import ABCMeta, abstractmethod

from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.interfaces import Action, Tracker
from rasa_sdk.types import DomainDict

from actions.dialogue import (
    ASKS,
    CONTACT,
    RELATIVE,
    Memory,
    Said,
    about_someone_else,
    asked_for,
    asks,
    audience_of,
    beyond_scope,
    comparison,
    lives_elsewhere,
    narrowed,
    unsure_topic,
    with_before,
)
from actions.municipalities import join_danish, municipality_buttons, names
from actions.plumbing.client import ServiceClient, ServiceUnavailable, UsesService
from actions.plumbing.usage import count, count_conversation
from contract.constants import NO_TOPIC
from contract.models import (
    AgeRangePublic,
    AnswerGroupPublic,
    AnswerPublic,
    FactPublic,
    QuestionCreate,
    SourcePublic,
    TopicPublic,
)

# Topics offered as buttons when a message matches nothing.
COMMON_TOPICS = ("kontakt", "anonym", "pris")
MORE_INTENT = "more_about"
# Topics of who can get help: a relative who said how old the other is hears where that person can turn, too.
WHO_CAN_GET_HELP = frozenset({"paaroerende", "maalgruppe", "alkohol"})


def sources_payload(sources: list[SourcePublic]) -> dict[str, object]:
    """The custom payload that carries a message's sources; the service's gateway folds it into the reply."""
    return {"sources": [source.dict() for source in sources]}


def utter_fact(dispatcher: CollectingDispatcher, fact: FactPublic, municipality_name: str) -> None:
    """One fact of a municipality's standard, with its sources."""
    sources = sources_payload(fact.sources)
    dispatcher.utter_message(
        response="utter_fact", municipality_name=municipality_name, answer=fact.answer, json_message=sources
    )


def utter_knowledge(dispatcher: CollectingDispatcher, fact: FactPublic, answer: str | None = None) -> None:
    """A fact that belongs to no municipality (national)."""
    sources = sources_payload(fact.sources)
    dispatcher.utter_message(response="utter_knowledge", answer=answer or fact.answer, json_message=sources)


def age_buttons(groups: list[AgeRangePublic]) -> list[dict[str, str]]:
    return [
        {"title": group.label.capitalize(), "payload": f'/inform_age{{"age": "{group.example}"}}'} for group in groups
    ]


def topic_buttons(topics: list[TopicPublic]) -> list[dict[str, str]]:
    return [{"title": topic.label.capitalize(), "payload": f"/ask_{topic.id}"} for topic in topics]


def more_button(topic: TopicPublic) -> dict[str, str]:
    return {"title": f"Mere om {topic.label}", "payload": f'/{MORE_INTENT}{{"topic": "{topic.id}"}}'}


def _text(fact: FactPublic, english: bool) -> str:
    return fact.answer_en if english and fact.answer_en else fact.answer


def send_answer(dispatcher: CollectingDispatcher, answer: AnswerPublic, english: bool = False) -> list[str]:
    """The facts, each under the ages it is for when they differ; or that the standard says nothing, and whom to
    contact. Buttons narrow by age and lead to the rest of the topic. Returns the ids of the facts shown."""
    name = answer.municipality_name
    facts = answer.facts
    if english and any(not fact.answer_en for fact in facts):
        dispatcher.utter_message(response="utter_english_in_danish")
    buttons = age_buttons(answer.age_groups) if len(answer.groups) > 1 else []
    if answer.more and answer.topic:
        buttons.append(more_button(answer.topic))
    # (response, text, sources): a municipality's words carry its name; a national note beside them does not.
    messages: list[tuple[str, str, list[SourcePublic]]] = []
    for group in answer.groups:
        for fact in group.facts:
            label = f"{group.ages.label.capitalize()}: " if group.ages and len(answer.groups) > 1 else ""
            messages.append(("utter_fact", label + _text(fact, english), fact.sources))
            messages.extend(("utter_knowledge", _text(note, english), note.sources) for note in fact.notes)
    silent = answer.not_stated
    if silent:
        messages.append(
            ("utter_fact", silent.answer_en if english and silent.answer_en else silent.answer, silent.sources)
        )
        if silent.contact:
            messages.append(("utter_fact", _text(silent.contact, english), silent.contact.sources))
    for number, (response, text, sources) in enumerate(messages, 1):
        dispatcher.utter_message(
            response=response,
            municipality_name=name,
            answer=text,
            json_message=sources_payload(sources),
            buttons=buttons if number == len(messages) else [],
        )
    return [fact.id for fact in facts] + ([silent.contact.id] if silent and silent.contact else [])


async def answer_other_municipality(client: ServiceClient, dispatcher: CollectingDispatcher) -> list[EventType]:
    """Vejviser covers five municipalities; every municipality must offer treatment."""
    covered = join_danish(list(names(await client.municipalities()).values()))
    dispatcher.utter_message(response="utter_other_municipality", covered_municipalities=covered)
    utter_knowledge(dispatcher, (await client.national_facts())["national-kommunen-skal-tilbyde"])
    return []


async def clarify(
    client: ServiceClient, dispatcher: CollectingDispatcher, guesses: dict[str, float], municipality: str | None
) -> None:
    """Nothing in the standards answers it: say what Vejviser can help with, and offer the likely topics."""
    topics = {topic.id: topic for topic in await client.topics()}
    likely = [topic for topic in sorted(guesses, key=lambda t: -guesses[t]) if topic in topics][:3]
    buttons = topic_buttons([topics[topic] for topic in likely or COMMON_TOPICS])
    dispatcher.utter_message(response="utter_clarify", buttons=buttons)
    if municipality:  # counted by the guess only: the text is never stored
        await count(client, "fallbacks", municipality, likely[0] if likely else NO_TOPIC)


def remember(
    question: str | None, topic: str | None, english: bool, shown: list[str], audience: str | None
) -> list[EventType]:
    return [
        SlotSet("question", question),
        SlotSet("topic", topic),
        SlotSet("english", english),
        SlotSet("shown_facts", shown),
        SlotSet("audience", audience),
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
        # A slot set to the value it has is an event all the same: the tracker, and Rasa's work on every message,
        # would grow with each turn for nothing.
        events = [e for e in events if not (e.get("event") == "slot" and tracker.get_slot(e["name"]) == e["value"])]
        return events + await count_conversation(self.client, tracker, events)

    @abstractmethod
    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]: ...


class ActionAnswer(KnowledgeAction):
    """Every question about treatment, and every message that gives what a question needs."""

    def name(self) -> str:
        return "action_answer"

    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        covered = names(await self.client.municipalities())
        said = Said.of(tracker, set(covered))
        memory = Memory.of(tracker)
        elsewhere = lives_elsewhere(said, memory.lives_elsewhere)
        replied = await self.reply(dispatcher, tracker, said, memory, covered, elsewhere)
        return [SlotSet("lives_elsewhere", elsewhere), *replied]

    async def reply(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        said: Said,
        memory: Memory,
        covered: dict[str, str],
        elsewhere: str | None,
    ) -> list[EventType]:
        """The answer to the latest message, what it asks for first, or what it gives remembered."""
        if said.other_municipality and not said.municipalities:
            return await answer_other_municipality(self.client, dispatcher)
        compare_with = comparison(said, memory)
        if len(compare_with) >= 2:
            return await compare(self.client, dispatcher, said, memory, compare_with)
        if said.intent == "compare_municipalities" and not said.municipalities:
            dispatcher.utter_message(response="utter_ask_compare_municipalities")
            return []
        if said.intent == "talk_to_person":
            dispatcher.utter_message(response="utter_talk_to_person")
        if said.intent == MORE_INTENT:
            return await self.more(dispatcher, tracker, memory)
        municipality = said.municipalities[0] if said.municipalities else memory.municipality
        audience = audience_of(said, memory)
        # A relative asking where the other can go asks that person's question, not what relatives can get.
        topics = {t: p for t, p in said.topics.items() if t != "paaroerende" or not about_someone_else(said.text)}
        question = QuestionCreate(
            text=narrowed(said, memory.question) or memory.question or "?",
            municipality=municipality if municipality in covered else None,
            context=memory.question if said.text else None,
            topics=topics,
            previous_topic=memory.topic,
            audience=asked_for(said.text, audience),
            age=said.age if said.age is not None else memory.age,
            english=said.english,
            lives_elsewhere=elsewhere,
            previous_facts=memory.shown,
        )
        if said.button_topic:
            # A topic's button: the topic, asked in the words of its label, for what the conversation knows.
            labels = {topic.id: topic.label for topic in await self.client.topics()}
            label = labels.get(said.button_topic, said.button_topic)
            question = question.copy(update={"text": label, "context": None, "topic": said.button_topic})
        found = await self.client.answer(question) if said.text or said.button_topic else None
        if not asks(said, memory, found):
            if not memory.question:
                return await self.acknowledge(dispatcher, said, municipality, audience)
            # Only a value: the question before, again, with it.
            topics = {memory.topic: 1.0} if memory.topic else {}
            again = {
                "text": memory.question,
                "context": None,
                "topics": topics,
                "english": memory.english,
                "audience": asked_for(memory.question, audience),
            }
            return await self.respond(dispatcher, question.copy(update=again), None, memory, audience)
        if beyond_scope(said, found):
            dispatcher.utter_message(response="utter_out_of_scope")
            # Rasa chooses a response's variant by the slots before this action's events: the list is uttered next.
            listed = join_danish(list(covered.values()))
            return [SlotSet("covered_municipalities", listed), FollowupAction("utter_capabilities")]
        # The classifier is unsure and the words match weakly, with no question before to narrow: the phrasing, the
        # classifier's guess or the drug named decides the topic; with none of them, say what Vejviser can help with.
        weak = found is not None and found.words < ASKS and not memory.question and not said.topic_intent
        if said.unsure and weak:
            topic = unsure_topic(said, found)
            found = await self.client.answer(question.copy(update={"topic": topic})) if topic else None
        if found is None or found.topic is None:
            await clarify(self.client, dispatcher, said.topics, question.municipality)
            return []
        if memory.in_form and said.intent == "nlu_fallback" and found.words < ASKS:
            return []  # not a question: an answer to the form's own, which it asks again
        english = said.english or found.english
        if found.words < ASKS and memory.question and not found.cued and question.text == said.text:
            # A follow-up in few words ("hvornår præcis?") is the question before, narrowed; one whose phrasing
            # asks ("hvem kan jeg tale med om ...") is a question of its own (knowledge/ranking.py).
            question = question.copy(update={"text": with_before(said.text, memory.question)})
        return await self.respond(dispatcher, question.copy(update={"english": english}), found, memory, audience)

    async def respond(
        self,
        dispatcher: CollectingDispatcher,
        question: QuestionCreate,
        found: AnswerPublic | None,
        memory: Memory,
        audience: str | None,
    ) -> list[EventType]:
        """Answer the question (`found`, or asked now), or ask for the municipality or the age it needs; remember
        the question either way."""
        if question.municipality is None:
            topic = found.topic.id if found and found.topic else memory.topic
            covered = await self.client.municipalities()
            if question.english:
                dispatcher.utter_message(
                    response="utter_english_ask_municipality", buttons=municipality_buttons(covered)
                )
            else:
                dispatcher.utter_message(response="utter_ask_municipality", buttons=municipality_buttons(covered))
            return remember(question.text, topic, question.english, [], audience)
        if found is None or found.municipality != question.municipality:
            found = await self.client.answer(question)
        if found.topic is None:
            await clarify(self.client, dispatcher, question.topics, question.municipality)
            return remember(question.text, memory.topic, question.english, [], audience)
        kept = [SlotSet("municipality", question.municipality)]
        if found.age_groups and not found.groups:
            dispatcher.utter_message(response="utter_ask_age", buttons=age_buttons(found.age_groups))
            return kept + remember(question.text, found.topic.id, question.english, [], audience)
        shown = send_answer(dispatcher, found, question.english)
        if audience == RELATIVE and question.age is not None and found.topic.id in WHO_CAN_GET_HELP:
            shown += await self.where_they_can_go(dispatcher, question, shown)
        await count(self.client, "questions", question.municipality, found.topic.id)
        return kept + remember(question.text, found.topic.id, question.english, shown, audience)

    async def where_they_can_go(
        self, dispatcher: CollectingDispatcher, question: QuestionCreate, shown: list[str]
    ) -> list[str]:
        """A relative who has said how old the other person is also hears where that person can turn at that age:
        a contact fact written for that age (the answer lists the narrowest first), else the best for every age.
        What relatives can get leaves that out."""
        asked = question.copy(update={"topic": CONTACT, "audience": None, "everything": True, "exclude": shown})
        found = await self.client.answer(asked)
        best = next((fact for fact in found.facts if fact.ages), found.facts[0] if found.facts else None)
        if best is None:
            return []
        one = found.copy(update={"groups": [AnswerGroupPublic(ages=best.ages, facts=[best])], "more": 0})
        return send_answer(dispatcher, one, question.english)

    async def acknowledge(
        self, dispatcher: CollectingDispatcher, said: Said, municipality: str | None, audience: str | None
    ) -> list[EventType]:
        """A value with no question waiting for it: remember it and ask what the person wants to know."""
        if said.municipalities and municipality:
            topics = {topic.id: topic for topic in await self.client.topics()}
            buttons = topic_buttons([topics[topic] for topic in COMMON_TOPICS])
            name = names(await self.client.municipalities())[municipality]
            dispatcher.utter_message(response="utter_municipality_set", municipality_name=name, buttons=buttons)
            return [SlotSet("municipality", municipality), SlotSet("audience", audience)]
        dispatcher.utter_message(response="utter_age_set")
        return [SlotSet("audience", audience)]

    async def more(self, dispatcher: CollectingDispatcher, tracker: Tracker, memory: Memory) -> list[EventType]:
        """The facts of the topic not shown yet ("Mere om ...")."""
        topic = next(iter(tracker.get_latest_entity_values("topic")), None) or memory.topic
        if not topic or not memory.municipality:
            dispatcher.utter_message(response="utter_affirm")
            return []
        question = QuestionCreate(
            text=memory.question or topic,
            municipality=memory.municipality,
            topic=topic,
            everything=True,
            exclude=memory.shown,
            audience=memory.audience,
            age=memory.age,
            english=memory.english,
        )
        found = await self.client.answer(question)
        shown = send_answer(dispatcher, found, memory.english) if found.facts else []
        if not shown:
            dispatcher.utter_message(response="utter_nothing_more")
        return [SlotSet("shown_facts", [*memory.shown, *shown]), SlotSet("topic", topic)]


async def compare(
    client: ServiceClient, dispatcher: CollectingDispatcher, said: Said, memory: Memory, municipalities: list[str]
) -> list[EventType]:
    """The question answered by each municipality's standard, on the same topic, side by side: what the message
    asks, else the question before, else a topic the person chooses."""
    text, topic = said.text, said.sure_topic
    found = None
    if text:
        asked = QuestionCreate(text=text, municipality=municipalities[0], topics=said.topics, english=said.english)
        found = await client.answer(asked)
    if not topic and (found is None or found.topic is None or found.words < ASKS):
        if not memory.topic:
            dispatcher.utter_message(response="utter_ask_compare_topic", buttons=topic_buttons(await client.topics()))
            return [SlotSet("compare_with", municipalities)]
        text, topic, found = memory.question or "", memory.topic, None
    topic = topic or (found.topic.id if found and found.topic else None)
    for municipality in municipalities:
        asked = QuestionCreate(
            text=text or topic or "?", municipality=municipality, topic=topic, topics={topic: 1.0} if topic else {}
        )
        answer = await client.answer(asked)
        send_answer(dispatcher, answer, said.english)
        if answer.topic:
            await count(client, "questions", municipality, answer.topic.id)
    return [
        SlotSet("question", text or None),
        SlotSet("topic", topic),
        SlotSet("english", said.english),
        SlotSet("compare_with", None),
    ]
