// Vejviser's chat widget. On Vejviser's own page it fills <div id="vejviser">; on another site one tag is enough:
//   <script src="https://<vejviser>/chat.js" defer></script>
// It talks only to the Vejviser service it was loaded from, keeps the conversation id in sessionStorage only,
// and sets no cookies.
"use strict";

(() => {
  const script = document.currentScript;
  const BASE = new URL(".", script ? script.src : document.baseURI);
  const SESSION_KEY = "vejviser-session-id";
  const TIMEOUT_MS = 30000;
  // The municipalities come from the service (GET /api/municipalities), never from this script.
  const greeting = (names) =>
    "Hej. Jeg er Vejviser, en chatbot. Jeg svarer på spørgsmål om hjælp til stofmisbrug i " +
    (names.length ? `${joinDanish(names)}.` : "de kommuner, Vejviser dækker.");
  const ANONYMOUS = "Du er anonym. Skriv ikke dit navn, CPR-nummer eller telefonnummer. Er det akut, så ring 112.";
  const TEXT = {
    waiting: "Vejviser skriver …",
    unreachable: "Vejviser kan ikke nås lige nu. Din besked er ikke sendt. Prøv igen om lidt. Er det akut, så ring 112.",
    slow: "Vejviser svarer ikke. Din besked står stadig i feltet. Prøv igen. Er det akut, så ring 112.",
    deleted: "Samtalen er slettet. Du kan starte forfra.",
    notDeleted: "Samtalen kunne ikke slettes lige nu. Prøv igen om lidt.",
  };

  function joinDanish(names) {
    return names.length > 1 ? `${names.slice(0, -1).join(", ")} og ${names[names.length - 1]}` : names.join("");
  }

  async function municipalityNames() {
    try {
      const response = await fetch(new URL("api/municipalities", BASE), { credentials: "omit" });
      return response.ok ? (await response.json()).map((municipality) => municipality.name) : [];
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

  function build(root) {
    if (!document.querySelector('link[data-vejviser]')) {
      document.head.appendChild(element("link", { rel: "stylesheet", href: new URL("chat.css", BASE), "data-vejviser": "" }));
    }
    const widget = element("section", { class: "vv", "aria-labelledby": "vv-title" });
    const header = element("div", { class: "vv-header" });
    header.append(element("h2", { id: "vv-title" }, "Vejviser"));
    const remove = element("button", { type: "button", class: "vv-delete" }, "Slet samtale");
    header.append(remove);
    const log = element("div", { class: "vv-log", role: "log", "aria-live": "polite", "aria-label": "Samtale", tabindex: "0" });
    const status = element("p", { class: "vv-status", role: "status" });
    const form = element("form", { class: "vv-form" });
    const label = element("label", { for: "vv-message" }, "Din besked");
    const input = element("textarea", { id: "vv-message", rows: "2", maxlength: "2000", autocomplete: "off" });
    const send = element("button", { type: "submit" }, "Send");
    form.append(label, input, send);
    widget.append(header, log, status, form);
    root.append(widget);
    return { log, status, form, input, send, remove };
  }

  function start() {
    let root = document.getElementById("vejviser");
    if (!root) {
      root = element("div", { id: "vejviser" });
      document.body.append(root);
    }
    const ui = build(root);
    let busy = false;

    function say(text, who) {
      const message = element("div", { class: `vv-msg vv-${who}` });
      message.append(element("p", {}, text));
      ui.log.append(message);
      message.scrollIntoView({ block: "nearest" });
      return message;
    }

    function describe(source) {
      const where = [`${source.document}`, source.adopted ? `vedtaget ${source.adopted}` : "", source.section ? `afsnit: ${source.section}` : ""];
      return where.filter(Boolean).join(", ");
    }

    function showReply(reply) {
      const message = say(reply.text, "bot");
      if (reply.buttons && reply.buttons.length) {
        const group = element("div", { class: "vv-buttons", role: "group", "aria-label": "Svarmuligheder" });
        for (const button of reply.buttons) {
          const choice = element("button", { type: "button" }, button.title);
          choice.addEventListener("click", () => post(button.payload, button.title));
          group.append(choice);
        }
        message.append(group);
      }
      for (const source of reply.sources || []) {
        const details = element("details", { class: "vv-source" });
        details.append(element("summary", {}, "Kilde"));
        details.append(element("blockquote", {}, source.quote || ""));
        details.append(element("p", {}, describe(source)));
        message.append(details);
      }
    }

    let names = [];
    function intro() {
      ui.log.replaceChildren();
      for (const line of [greeting(names), ANONYMOUS]) say(line, "bot");
    }

    async function post(message, shown) {
      if (busy) return false;
      busy = true;
      ui.send.disabled = true;
      ui.status.textContent = TEXT.waiting;
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
      try {
        const response = await fetch(new URL("api/chat", BASE), {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ message: message, session_id: sessionStorage.getItem(SESSION_KEY) }),
          signal: controller.signal,
          credentials: "omit",
        });
        const data = await response.json().catch(() => ({}));
        if (!response.ok) {
          ui.status.textContent = data.detail || TEXT.unreachable;
          return false;
        }
        sessionStorage.setItem(SESSION_KEY, data.session_id);
        say(shown, "user");
        data.replies.forEach(showReply);
        ui.status.textContent = "";
        return true;
      } catch (error) {
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
        ui.status.textContent = "Skriv en besked først.";
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
    municipalityNames().then((found) => {
      names = found;
      const first = ui.log.querySelector(".vv-msg p");
      if (first && names.length) first.textContent = greeting(names);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
