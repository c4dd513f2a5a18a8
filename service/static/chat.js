// Vejviser's chat widget. On Vejviser's own page it fills <div id="vejviser">; on a municipality's site one tag is
// enough:
//   <script src="https://<vejviser>/chat.js" data-municipality="faxe" defer></script>
// data-municipality (an id from GET /api/municipalities) starts the conversation in that municipality; without it
// the widget asks. data-mode="launcher" puts the chat behind a button in the corner; data-lang="en" writes the
// widget's own texts in English. It talks only to the Vejviser service it was loaded from, keeps the conversation
// id in sessionStorage only (closing the tab forgets it), and sets no cookies.
"use strict";

(() => {
  const script = document.currentScript;
  const BASE = new URL(".", script ? script.src : document.baseURI);
  const OPTIONS = (script && script.dataset) || {};
  const ENGLISH = OPTIONS.lang === "en";
  const SESSION_KEY = "vejviser-session-id";
  const TIMEOUT_MS = 30000;
  const TEXTS = {
    da: {
      intro: (where) => `Hej. Jeg er Vejviser, en chatbot. Jeg svarer anonymt på spørgsmål om hjælp til stofmisbrug ${where}.`,
      everywhere: "i de kommuner, Vejviser dækker",
      anonymous: "Du er anonym. Skriv ikke dit navn, CPR-nummer eller telefonnummer. Er det akut, så ring 112.",
      chooseMunicipality: "Hvor bor du?",
      commonQuestions: "Det spørger mange om",
      chips: [
        ["Hvad koster det?", "/ask_pris"],
        ["Kan jeg være anonym?", "/ask_anonym"],
        ["Jeg er pårørende", "/ask_paaroerende"],
        ["Jeg er under 18", "/ask_unge"],
        ["Book en anonym samtale", "/book_conversation"],
        ["Hvordan klager jeg?", "/ask_klage"],
      ],
      municipality: (name) => `${name} Kommune`,
      emergency: "Akut hjælp",
      call: "ring",
      typing: "Vejviser skriver …",
      messageLabel: "Din besked",
      send: "Send",
      remove: "Slet samtale",
      open: "Chat anonymt med Vejviser",
      close: "Luk chatten",
      choices: "Svarmuligheder",
      conversation: "Samtale",
      source: "Kilde",
      adopted: "vedtaget",
      section: "afsnit",
      empty: "Skriv en besked først.",
      unreachable: "Vejviser kan ikke nås lige nu. Din besked er ikke sendt. Prøv igen om lidt. Er det akut, så ring 112.",
      slow: "Vejviser svarer ikke. Din besked står stadig i feltet. Prøv igen. Er det akut, så ring 112.",
      deleted: "Samtalen er slettet. Du kan starte forfra.",
      notDeleted: "Samtalen kunne ikke slettes lige nu. Prøv igen om lidt.",
      card: "Din anonyme samtale",
      when: "Tid",
      where: "Sted",
      code: "Din kode",
      noId: "Du skal ikke vise ID eller sige dit CPR-nummer eller navn.",
      copy: "Kopiér koden",
      copied: "Koden er kopieret.",
      notCopied: "Koden kunne ikke kopieres. Skriv den ned.",
      calendar: "Tilføj til kalender",
      cancel: "Aflys tiden",
      cancelSaid: "Aflys min tid",
      summary: "Anonym samtale",
    },
    en: {
      intro: (where) => `Hi. I am Vejviser, a chatbot. I answer anonymous questions about help with drug use ${where}.`,
      everywhere: "in the municipalities Vejviser covers",
      anonymous: "You are anonymous. Do not write your name, CPR number or phone number. In an emergency, call 112.",
      chooseMunicipality: "Where do you live?",
      commonQuestions: "What many people ask",
      chips: [
        ["What does it cost?", "/ask_pris"],
        ["Can I stay anonymous?", "/ask_anonym"],
        ["I am a relative", "/ask_paaroerende"],
        ["I am under 18", "/ask_unge"],
        ["Book an anonymous talk", "/book_conversation"],
        ["How do I complain?", "/ask_klage"],
      ],
      municipality: (name) => `${name} Municipality`,
      emergency: "Emergency help",
      call: "call",
      typing: "Vejviser is writing …",
      messageLabel: "Your message",
      send: "Send",
      remove: "Delete conversation",
      open: "Chat anonymously with Vejviser",
      close: "Close the chat",
      choices: "Choices",
      conversation: "Conversation",
      source: "Source",
      adopted: "adopted",
      section: "section",
      empty: "Write a message first.",
      unreachable: "Vejviser cannot be reached right now. Your message was not sent. Try again soon. In an emergency, call 112.",
      slow: "Vejviser does not answer. Your message is still in the field. Try again. In an emergency, call 112.",
      deleted: "The conversation is deleted. You can start again.",
      notDeleted: "The conversation could not be deleted right now. Try again soon.",
      card: "Your anonymous talk",
      when: "Time",
      where: "Place",
      code: "Your code",
      noId: "You do not need to show ID or give your CPR number or name.",
      copy: "Copy the code",
      copied: "The code is copied.",
      notCopied: "The code could not be copied. Write it down.",
      calendar: "Add to calendar",
      cancel: "Cancel the time",
      cancelSaid: "Cancel my time",
      summary: "Anonymous talk",
    },
  };
  const TEXT = ENGLISH ? TEXTS.en : TEXTS.da;

  function joinNames(names) {
    const and = ENGLISH ? "and" : "og";
    return names.length > 1 ? `${names.slice(0, -1).join(", ")} ${and} ${names[names.length - 1]}` : names.join("");
  }

  // "2022-04-04" as "4. april 2022"; "2025-01" (only the month is known) as "januar 2025".
  function dated(adopted) {
    const [year, month, day] = adopted.split("-").map(Number);
    const format = day ? { day: "numeric", month: "long", year: "numeric" } : { month: "long", year: "numeric" };
    return new Intl.DateTimeFormat(ENGLISH ? "en-GB" : "da-DK", { ...format, timeZone: "UTC" }).format(
      new Date(Date.UTC(year, month - 1, day || 1)),
    );
  }

  // An .ics with the time, the place and the code only: nothing of who booked it.
  function calendarFile(booking) {
    const utc = (iso) => new Date(iso).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
    const escape = (text) => text.replace(/[\\;,]/g, (sign) => `\\${sign}`).replace(/\n/g, "\\n");
    const place = [booking.place_name, booking.address].filter(Boolean).join(", ") || booking.municipality_name;
    const lines = [
      "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Vejviser//DA", "CALSCALE:GREGORIAN", "BEGIN:VEVENT",
      `UID:${booking.code}@vejviser`, `DTSTAMP:${utc(new Date().toISOString())}`,
      `DTSTART:${utc(booking.start)}`, `DTEND:${utc(booking.end)}`,
      `SUMMARY:${escape(TEXT.summary)}`, `LOCATION:${escape(place)}`,
      `DESCRIPTION:${escape(`${TEXT.code}: ${booking.code}`)}`, "END:VEVENT", "END:VCALENDAR",
    ];
    // A data: URL, not a blob: the page's security policy lets a download of it through.
    return `data:text/calendar;charset=utf-8,${encodeURIComponent(lines.join("\r\n") + "\r\n")}`;
  }

  async function getJson(path) {
    try {
      const response = await fetch(new URL(path, BASE), { credentials: "omit" });
      return response.ok ? await response.json() : [];
    } catch (error) {
      return [];
    }
  }

  function element(tag, attributes = {}, text = "") {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    if (text) node.textContent = text; // never innerHTML: what users and the bot write stays text
    return node;
  }

  function stylesheet() {
    if (!document.querySelector("link[data-vejviser]")) {
      document.head.appendChild(element("link", { rel: "stylesheet", href: new URL("chat.css", BASE), "data-vejviser": "" }));
    }
  }

  function build(root) {
    const widget = element("section", { class: "vv", "aria-labelledby": "vv-title", lang: ENGLISH ? "en" : "da" });
    const header = element("div", { class: "vv-header" });
    const titles = element("div", { class: "vv-titles" });
    titles.append(element("h2", { id: "vv-title" }, "Vejviser"));
    const place = element("p", { class: "vv-place" });
    titles.append(place);
    const actions = element("div", { class: "vv-actions" });
    const remove = element("button", { type: "button", class: "vv-delete" }, TEXT.remove);
    actions.append(remove);
    header.append(titles, actions);
    const emergency = element("aside", { class: "vv-emergency", "aria-label": TEXT.emergency });
    const log = element("div", { class: "vv-log", role: "log", "aria-live": "polite", "aria-label": TEXT.conversation, tabindex: "0" });
    const status = element("p", { class: "vv-status", role: "status" });
    const form = element("form", { class: "vv-form" });
    const label = element("label", { for: "vv-message" }, TEXT.messageLabel);
    const input = element("textarea", { id: "vv-message", rows: "2", maxlength: "2000", autocomplete: "off" });
    const send = element("button", { type: "submit" }, TEXT.send);
    form.append(label, input, send);
    widget.append(header, emergency, log, status, form);
    root.append(widget);
    return { widget, header, actions, place, emergency, log, status, form, input, send, remove };
  }

  // A button in the corner that opens the chat as a panel, for sites that want it there.
  function launcher(root, ui) {
    root.classList.add("vv-launcher");
    const open = element("button", { type: "button", class: "vv-open", "aria-expanded": "false", "aria-controls": "vv-panel" }, TEXT.open);
    ui.widget.id = "vv-panel";
    ui.widget.hidden = true;
    const close = element("button", { type: "button", class: "vv-close", "aria-label": TEXT.close }, "×");
    ui.actions.append(close);
    root.prepend(open);
    const toggle = (shown) => {
      ui.widget.hidden = !shown;
      open.setAttribute("aria-expanded", String(shown));
      (shown ? ui.input : open).focus();
    };
    open.addEventListener("click", () => toggle(ui.widget.hidden));
    close.addEventListener("click", () => toggle(false));
    ui.widget.addEventListener("keydown", (event) => {
      if (event.key === "Escape") toggle(false);
    });
  }

  function start() {
    stylesheet();
    let root = document.getElementById("vejviser");
    if (!root) {
      root = element("div", { id: "vejviser" });
      document.body.append(root);
    }
    const ui = build(root);
    if (OPTIONS.mode === "launcher") launcher(root, ui);
    let busy = false;
    let municipalities = [];
    let preset = null; // the municipality of the site the widget is embedded on

    function say(text, who) {
      const message = element("div", { class: `vv-msg vv-${who}` });
      message.append(element("p", {}, text));
      ui.log.append(message);
      message.scrollIntoView({ block: "nearest" });
      return message;
    }

    // A group of buttons: used once, then disabled, with the chosen one marked.
    function choices(message, buttons, label) {
      const group = element("div", { class: "vv-buttons", role: "group", "aria-label": label || TEXT.choices });
      for (const [title, payload] of buttons) {
        const choice = element("button", { type: "button" }, title);
        choice.addEventListener("click", async () => {
          if (await post(payload, title)) {
            for (const other of group.querySelectorAll("button")) other.disabled = true;
            choice.setAttribute("aria-pressed", "true");
          }
        });
        group.append(choice);
      }
      message.append(group);
      return group;
    }

    function describe(source) {
      const where = [
        source.document,
        source.adopted ? `${TEXT.adopted} ${dated(source.adopted)}` : "",
        source.section ? `${TEXT.section}: ${source.section}` : "",
      ];
      return where.filter(Boolean).join(", ");
    }

    // The booking as a card: time, place, the code large with a copy button, the calendar, cancelling.
    function card(booking) {
      const section = element("section", { class: "vv-card", "aria-label": TEXT.card });
      section.append(element("h3", {}, TEXT.card));
      const facts = element("dl", {});
      const place = [booking.place_name, booking.address].filter(Boolean).join(", ") || TEXT.municipality(booking.municipality_name);
      for (const [term, value] of [[TEXT.when, booking.label], [TEXT.where, place]]) {
        facts.append(element("dt", {}, term), element("dd", {}, value));
      }
      section.append(facts);
      if (booking.about) section.append(element("p", {}, booking.about));
      section.append(element("p", { class: "vv-code-label" }, TEXT.code));
      section.append(element("p", { class: "vv-code" }, booking.code));
      section.append(element("p", {}, TEXT.noId));
      const actions = element("div", { class: "vv-card-actions" });
      const copy = element("button", { type: "button" }, TEXT.copy);
      copy.addEventListener("click", async () => {
        try {
          await navigator.clipboard.writeText(booking.code);
          ui.status.textContent = TEXT.copied;
        } catch (error) {
          ui.status.textContent = TEXT.notCopied;
        }
      });
      const calendar = element("a", { class: "vv-calendar", download: "vejviser.ics", href: calendarFile(booking) }, TEXT.calendar);
      const cancel = element("button", { type: "button" }, TEXT.cancel);
      // Vejviser asks whether to cancel, with yes and no, before it does.
      cancel.addEventListener("click", () => post(`aflys ${booking.code}`, TEXT.cancelSaid));
      actions.append(copy, calendar, cancel);
      section.append(actions);
      return section;
    }

    function showReply(reply) {
      const message = say(reply.text, "bot");
      if (reply.booking) message.append(card(reply.booking));
      if (reply.buttons && reply.buttons.length) {
        choices(message, reply.buttons.map((button) => [button.title, button.payload]));
      }
      for (const source of reply.sources || []) {
        const details = element("details", { class: "vv-source" });
        details.append(element("summary", {}, TEXT.source));
        if (source.quote) details.append(element("blockquote", {}, source.quote));
        details.append(element("p", {}, describe(source)));
        message.append(details);
      }
    }

    function showEmergency(numbers) {
      ui.emergency.replaceChildren();
      numbers.forEach((number, index) => {
        const line = element("span", { class: "vv-number" });
        const named = number.phone === number.name.replace(/\D/g, "") ? "" : `${number.name} `;
        line.append(`${ENGLISH ? number.label_en : number.label}: ${named || `${TEXT.call} `}`);
        line.append(element("a", { href: `tel:${number.tel}` }, number.phone));
        if (index) ui.emergency.append(element("span", { class: "vv-dot", "aria-hidden": "true" }, " · "));
        ui.emergency.append(line);
      });
    }

    function intro() {
      ui.log.replaceChildren();
      const names = municipalities.map((m) => m.name);
      const where = preset
        ? (ENGLISH ? "in " : "i ") + TEXT.municipality(preset.name)
        : names.length ? (ENGLISH ? "in " : "i ") + joinNames(names) : TEXT.everywhere;
      say(TEXT.intro(where), "bot");
      const start = say(TEXT.anonymous, "bot");
      if (!preset && municipalities.length) {
        start.append(element("p", { class: "vv-label" }, TEXT.chooseMunicipality));
        const payload = (m) => `/inform_municipality{"municipality": "${m.id}"}`;
        choices(start, municipalities.map((m) => [m.name, payload(m)]), TEXT.chooseMunicipality);
      }
      start.append(element("p", { class: "vv-label" }, TEXT.commonQuestions));
      choices(start, TEXT.chips, TEXT.commonQuestions);
    }

    // A page loaded again shows the conversation so far, as the service stored it; only the last reply's buttons
    // can still be used.
    async function restore() {
      const id = sessionStorage.getItem(SESSION_KEY);
      if (!id) return;
      const messages = (await getJson(`api/chat/${encodeURIComponent(id)}`)).messages || [];
      if (!messages.length) return;
      for (const message of messages) {
        if (message.who === "user") say(message.text, "user");
        else showReply(message);
      }
      const last = ui.log.lastElementChild;
      for (const button of ui.log.querySelectorAll(".vv-buttons button")) {
        if (!last.contains(button)) button.disabled = true;
      }
    }

    function typing(shown) {
      const found = ui.log.querySelector(".vv-typing");
      if (shown && !found) {
        const bubble = element("div", { class: "vv-msg vv-typing", "aria-hidden": "true" });
        bubble.append(element("span", { class: "vv-dots" }, TEXT.typing));
        ui.log.append(bubble);
        bubble.scrollIntoView({ block: "nearest" });
      } else if (!shown && found) {
        found.remove();
      }
      ui.status.textContent = shown ? TEXT.typing : "";
    }

    async function post(message, shown) {
      if (busy) return false;
      busy = true;
      ui.send.disabled = true;
      const session = sessionStorage.getItem(SESSION_KEY);
      say(shown, "user");
      const said = ui.log.lastElementChild;
      typing(true);
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
      try {
        const body = { message: message, session_id: session };
        // The municipality of the site, once, with the conversation's first message.
        if (preset && !session) body.municipality = preset.id;
        const response = await fetch(new URL("api/chat", BASE), {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify(body),
          signal: controller.signal,
          credentials: "omit",
        });
        const data = await response.json().catch(() => ({}));
        typing(false);
        if (!response.ok) {
          said.remove();
          ui.status.textContent = data.detail || TEXT.unreachable;
          return false;
        }
        sessionStorage.setItem(SESSION_KEY, data.session_id);
        data.replies.forEach(showReply);
        return true;
      } catch (error) {
        typing(false);
        said.remove();
        ui.status.textContent = error.name === "AbortError" ? TEXT.slow : TEXT.unreachable;
        return false;
      } finally {
        clearTimeout(timer);
        busy = false;
        ui.send.disabled = false;
        ui.input.focus();
      }
    }

    ui.form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const text = ui.input.value.trim();
      if (!text) {
        ui.status.textContent = TEXT.empty;
        return;
      }
      // The text stays in the field until the service has it.
      if (await post(text, text)) ui.input.value = "";
    });
    ui.input.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey) {
        event.preventDefault();
        ui.form.requestSubmit();
      }
    });
    ui.remove.addEventListener("click", async () => {
      const id = sessionStorage.getItem(SESSION_KEY);
      if (id) {
        const response = await fetch(new URL(`api/chat/${encodeURIComponent(id)}`, BASE), { method: "DELETE", credentials: "omit" }).catch(() => null);
        if (!response || !response.ok) {
          ui.status.textContent = TEXT.notDeleted;
          return;
        }
      }
      sessionStorage.removeItem(SESSION_KEY);
      intro();
      ui.status.textContent = TEXT.deleted;
      ui.input.focus();
    });

    intro();
    // The municipalities and the emergency numbers come from the service, never from this script.
    Promise.all([getJson("api/municipalities"), getJson("api/knowledge/emergency")]).then(([found, numbers]) => {
      municipalities = found;
      preset = found.find((m) => m.id === OPTIONS.municipality) || null;
      if (preset) ui.place.textContent = TEXT.municipality(preset.name);
      showEmergency(numbers);
      // The start is drawn again with what the service knows, and the conversation so far, unless it has begun.
      if (!ui.log.querySelector(".vv-user")) {
        intro();
        restore();
      }
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
