// "Guidet forløb": the guided script for staff on the phone, one screen per step through the same bot as the public
// chat (POST /api/staff/chat). Only the latest answer is shown, so there is nothing to scroll back through while a
// caller waits; every choice, and every action, has a key.
"use strict";

(() => {
  const staff = window.VejviserStaff;
  const START = "/start_guide";
  const EMERGENCY = "/emergency";
  // The booking's answers (a time, more times, yes, no) mean something only on the screen that asked for them.
  const ANSWER = /^\/(choose_slot|more_slots|affirm|deny)\b/;
  // The choices' keys: 1-9, then the letters that no action below uses (A, T, E and N are taken).
  const CHOICE_KEYS = [..."123456789BCDFGHIJKLMOPQRSUVWXYZ"];
  const TEXT = {
    waiting: "Henter …",
    readAloud: "Læs op for den, der ringer:",
    empty: "Skriv et spørgsmål først.",
    noAnswer: "Vejviser gav intet svar. Prøv igen.",
  };

  let ui = null;
  let history = []; // the messages behind the screens shown this call, the current one last
  let topics = null; // the message for this call's topic list, once municipality and caller are chosen
  let choices = new Map(); // key → the choice's button, on the screen shown
  let busy = false;

  function keyed(key, label, attributes = {}) {
    const button = staff.element("button", { type: "button", "aria-keyshortcuts": key, ...attributes });
    button.append(staff.element("kbd", {}, key), ` ${label}`);
    return button;
  }

  function build(content) {
    content.append(staff.element("h1", { class: "gd-title" }, "Guidet forløb"));
    const actions = staff.element("div", { class: "gd-actions", role: "group", "aria-label": "Handlinger" });
    const emergency = keyed("A", "Akut", { class: "gd-emergency" });
    const back = keyed("T", "Tilbage");
    const toTopics = keyed("E", "Emner");
    const newCall = keyed("N", "Nyt opkald");
    actions.append(emergency, back, toTopics, newCall);
    const form = staff.element("form", { class: "gd-ask" });
    const label = staff.element("label", { for: "gd-question" }, "Skriv et spørgsmål ");
    label.append(staff.element("kbd", {}, "/"));
    const input = staff.element("input", {
      id: "gd-question",
      type: "text",
      maxlength: "2000",
      autocomplete: "off",
      "aria-keyshortcuts": "/",
      "aria-describedby": "gd-hint",
    });
    form.append(label, input, staff.element("button", { type: "submit" }, "Send"));
    const hint = staff.element(
      "p",
      { id: "gd-hint", class: "gd-hint" },
      "Tryk tallet eller bogstavet ved et valg. Genvejene virker ikke, mens du skriver; Esc forlader feltet.",
    );
    const status = staff.element("p", { class: "st-status", role: "status" });
    const screen = staff.element("section", { class: "gd-screen", "aria-labelledby": "gd-heading" });
    content.append(actions, form, hint, status, screen);
    emergency.addEventListener("click", () => send(EMERGENCY));
    back.addEventListener("click", goBack);
    toTopics.addEventListener("click", () => topics && send(topics));
    newCall.addEventListener("click", () => send(START, { fresh: true }));
    form.addEventListener("submit", ask);
    return { keys: { A: emergency, T: back, E: toTopics, N: newCall }, back, toTopics, input, status, screen };
  }

  function choiceList(buttons, labelledBy) {
    const list = staff.element("ol", { class: "gd-choices", "aria-labelledby": labelledBy });
    for (const button of buttons) {
      const control = staff.element("button", { type: "button", class: "gd-choice" });
      const key = CHOICE_KEYS[choices.size];
      if (key) {
        choices.set(key, control);
        control.setAttribute("aria-keyshortcuts", key);
        control.append(staff.element("kbd", {}, key));
      }
      // A caller's button says who and then what that means: "Borger: Ringer om sig selv."
      const [name, ...about] = button.title.split(": ");
      control.append(staff.element("span", { class: "gd-name" }, name));
      if (about.length) control.append(staff.element("span", { class: "gd-about" }, about.join(": ")));
      control.addEventListener("click", () => send(button.payload));
      const item = staff.element("li");
      item.append(control);
      list.append(item);
    }
    return list;
  }

  // One screen from one response: the first reply is the heading unless it is already something to read aloud;
  // a reply with buttons labels its choices; any other reply is read aloud, with its sources beside it.
  function show(replies) {
    choices = new Map();
    const titled = replies.length > 0 && !replies[0].sources.length;
    const heading = staff.element("h2", { id: "gd-heading", tabindex: "-1" }, titled ? replies[0].text : TEXT.readAloud);
    const blocks = [];
    replies.forEach((reply, index) => {
      const isHeading = index === 0 && titled;
      let label = "gd-heading";
      if (!isHeading && reply.buttons.length && !reply.sources.length) {
        label = `gd-label-${index}`;
        blocks.push(staff.element("p", { id: label, class: "gd-label" }, reply.text));
      } else if (!isHeading) {
        const fact = staff.element("div", { class: "gd-fact" });
        fact.append(staff.element("p", { class: "gd-say" }, reply.text), staff.sources(reply.sources));
        blocks.push(fact);
      }
      if (reply.buttons.length) blocks.push(choiceList(reply.buttons, label));
    });
    ui.screen.replaceChildren(heading, ...blocks);
    heading.focus();
    staff.announce(heading.textContent);
  }

  // The topic list needs the municipality and the caller: the latest step that named both gives them.
  function remember(message) {
    if (!message.startsWith(`${START}{`)) return;
    try {
      const state = JSON.parse(message.slice(START.length));
      if (state.municipality && state.caller) {
        topics = `${START}{"municipality": ${JSON.stringify(state.municipality)}, "caller": ${JSON.stringify(state.caller)}}`;
      }
    } catch {
      // a typed message that only looks like a step: nothing to remember
    }
  }

  // Where "Tilbage" goes: the latest earlier screen whose message can be sent again (-1: none).
  function previous() {
    return history.slice(0, -1).findLastIndex((message) => !ANSWER.test(message));
  }

  function update() {
    ui.back.disabled = previous() < 0;
    ui.toTopics.disabled = !topics;
  }

  // fresh: a new call (a new conversation); backTo: the index in history of the screen sent again.
  async function send(message, { fresh = false, backTo = -1 } = {}) {
    if (busy) return false;
    busy = true;
    ui.screen.setAttribute("aria-busy", "true");
    ui.status.textContent = TEXT.waiting;
    try {
      const session = fresh ? null : sessionStorage.getItem(staff.SESSION_KEY);
      const data = await staff.json("api/staff/chat", { method: "POST", body: { message, session_id: session } });
      if (!data.replies.length) {
        ui.status.textContent = TEXT.noAnswer; // the screen stays as it was
        return false;
      }
      sessionStorage.setItem(staff.SESSION_KEY, data.session_id);
      if (fresh) {
        history = [];
        topics = null;
      }
      if (backTo >= 0) history = history.slice(0, backTo + 1);
      else history.push(message);
      remember(message);
      update();
      ui.status.textContent = "";
      show(data.replies);
      return true;
    } catch (error) {
      staff.fail(error, ui.status);
      return false;
    } finally {
      busy = false;
      ui.screen.removeAttribute("aria-busy");
    }
  }

  // Back one screen: its message again. Each step of the guide carries its whole state, so it can be sent again.
  function goBack() {
    const index = previous();
    if (index >= 0) send(history[index], { backTo: index });
  }

  async function ask(event) {
    event.preventDefault();
    const text = ui.input.value.trim();
    if (!text) {
      ui.status.textContent = TEXT.empty;
      ui.input.focus();
      return;
    }
    // The text stays in the field until the service has it.
    if (await send(text)) ui.input.value = "";
    else ui.input.focus();
  }

  function typing(target) {
    return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  function onKey(event) {
    // Not before login, nor after logout (which empties the page).
    if (!ui || !ui.screen.isConnected || event.defaultPrevented) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (typing(event.target)) {
      if (event.key === "Escape" && event.target === ui.input) {
        event.preventDefault();
        ui.screen.querySelector("#gd-heading")?.focus();
      }
      return;
    }
    const key = event.key.toUpperCase();
    // A key does what its button does, and nothing while the button is disabled.
    const button = ui.keys[key] || choices.get(key);
    if (key === "/") ui.input.focus();
    else if (button) button.click();
    else return;
    event.preventDefault();
  }

  document.addEventListener("keydown", onKey);
  staff.start({
    name: "Guidet forløb",
    ready(me, content) {
      ui = build(content);
      history = [];
      topics = null;
      update();
      // A reload goes on in the same conversation (it is not a new call, and is not counted again).
      send(START, { fresh: !sessionStorage.getItem(staff.SESSION_KEY) });
    },
  });
})();
