// What every page for the municipalities' phone-line staff shares: the header with its links, logging in with the
// municipality's staff key, and calls to the service with that key. The key is kept in sessionStorage only, so it
// goes when the tab closes; no cookies, and nothing is fetched from anywhere but this service.
"use strict";

window.VejviserStaff = (() => {
  const ROOT = new URL("..", document.currentScript.src);
  const TOKEN_KEY = "vejviser-staff-token";
  // The guided call's conversation (guide.js): a new key is a new person at the phone, so logging out ends it.
  const SESSION_KEY = "vejviser-staff-session";
  const TIMEOUT_MS = 30000;
  const PAGES = [
    ["Guidet forløb", "staff/"],
    ["Tal", "staff/stats/"],
    ["Manuskript til print", "staff/script/"],
  ];
  const TEXT = {
    unreachable: "Vejviser kan ikke nås lige nu. Prøv igen om lidt. Er det akut, så ring 112.",
    slow: "Vejviser svarer ikke. Prøv igen. Er det akut, så ring 112.",
    emptyKey: "Skriv din personalenøgle først.",
    wrongKey: "Personalenøglen passer ikke. Tjek den, og prøv igen.",
    expired: "Din personalenøgle gælder ikke længere. Log ind igen.",
    loggedOut: "Du er logget ud.",
  };

  class StaffError extends Error {
    constructor(message, status) {
      super(message);
      this.status = status; // 0: the service could not be reached
    }
  }

  function element(tag, attributes = {}, text = "") {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    if (text) node.textContent = text; // never innerHTML: what the bot and the standards say stays text
    return node;
  }

  function capitalise(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  // "2022-04-04" → "4. april 2022"; "2025-01" (a standard that gives only the month) → "januar 2025".
  function danishDate(iso) {
    const monthOnly = iso.length === 7;
    const options = monthOnly ? { month: "long", year: "numeric" } : { day: "numeric", month: "long", year: "numeric" };
    const date = new Date(`${monthOnly ? `${iso}-01` : iso}T00:00:00Z`);
    return new Intl.DateTimeFormat("da-DK", { ...options, timeZone: "UTC" }).format(date);
  }

  // A fact's sources: the verbatim quote, then where it stands (section, law, document and when it was adopted).
  function sources(list) {
    const box = element("div", { class: "st-sources" });
    if (!list.length) return box;
    box.append(element("p", { class: "st-sources-label" }, list.length > 1 ? "Kilder" : "Kilde"));
    for (const source of list) {
      const figure = element("figure", { class: "st-source" });
      if (source.quote) figure.append(element("blockquote", {}, source.quote));
      const document_ = source.adopted ? `${source.document}, vedtaget ${danishDate(source.adopted)}` : source.document;
      const law = source.law && source.law !== source.section ? source.law : "";
      const where = [source.section, law, document_, source.url].filter(Boolean).join(" · ");
      figure.append(element("figcaption", {}, where));
      box.append(figure);
    }
    return box;
  }

  function download(blob, filename) {
    const url = URL.createObjectURL(blob);
    const link = element("a", { href: url, download: filename });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000); // the download has started by then
  }

  let ui = null;
  let page = null;

  function announce(text) {
    // Emptied first, so the same words said twice are announced twice.
    ui.live.textContent = "";
    setTimeout(() => {
      ui.live.textContent = text;
    }, 100);
  }

  // A call with the staff key: the response when it is 2xx, else a StaffError with the service's Danish detail.
  // 401 also logs out, so the page shows the login again.
  async function request(path, { method = "GET", body, token = sessionStorage.getItem(TOKEN_KEY) } = {}) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
    const headers = { Authorization: `Bearer ${token}` };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    let response;
    try {
      response = await fetch(new URL(path, ROOT), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller.signal,
        credentials: "omit",
      });
    } catch (error) {
      throw new StaffError(error.name === "AbortError" ? TEXT.slow : TEXT.unreachable, 0);
    } finally {
      clearTimeout(timer);
    }
    if (response.ok) return response;
    const data = await response.json().catch(() => ({}));
    if (response.status === 401) {
      if (token === sessionStorage.getItem(TOKEN_KEY)) logOut(TEXT.expired);
      throw new StaffError(TEXT.wrongKey, 401);
    }
    throw new StaffError(typeof data.detail === "string" ? data.detail : TEXT.unreachable, response.status);
  }

  async function json(path, options) {
    return (await request(path, options)).json();
  }

  // Shows what went wrong; after a 401 the login says it already.
  function fail(error, status) {
    if (error.status !== 401) status.textContent = error.message;
  }

  function build(name) {
    const header = document.getElementById("st-header");
    const main = document.getElementById("st-main");
    const bar = element("div", { class: "st-bar" });
    const brand = element("p", { class: "st-brand" }, "Vejviser for rådgivere");
    const who = element("span", { class: "st-who" });
    brand.append(who);
    const nav = element("nav", { "aria-label": "Personalesider", hidden: "" });
    const links = element("ul");
    for (const [label, path] of PAGES) {
      const href = new URL(path, ROOT);
      const link = element("a", { href: href.pathname }, label);
      if (href.pathname === location.pathname) link.setAttribute("aria-current", "page");
      const item = element("li");
      item.append(link);
      links.append(item);
    }
    nav.append(links);
    const logout = element("button", { type: "button", class: "st-logout", hidden: "" }, "Log ud");
    bar.append(brand, nav, logout);
    header.append(bar);

    const login = element("section", { class: "st-login", "aria-labelledby": "st-login-title", hidden: "" });
    login.append(element("h1", { id: "st-login-title" }, `Log ind: ${name}`));
    login.append(element("p", {}, "Skriv din kommunes personalenøgle. Den gemmes kun, til du lukker fanen."));
    const form = element("form", { class: "st-login-form", novalidate: "" });
    const label = element("label", { for: "st-token" }, "Personalenøgle");
    const field = element("input", {
      id: "st-token",
      type: "password",
      autocomplete: "off", // a key for this tab only: the browser should not keep it
      spellcheck: "false",
      "aria-describedby": "st-login-error",
    });
    const submit = element("button", { type: "submit" }, "Log ind");
    const error = element("p", { id: "st-login-error", class: "st-error", role: "alert" });
    form.append(label, field, submit);
    login.append(form, error);
    const content = element("div", { class: "st-page", hidden: "" });
    const live = element("p", { class: "st-sr", "aria-live": "polite" });
    main.append(login, content, live);
    return { who, nav, logout, login, form, field, submit, error, content, live };
  }

  function showLogin(message) {
    ui.content.hidden = true;
    ui.content.replaceChildren();
    ui.nav.hidden = true;
    ui.logout.hidden = true;
    ui.who.textContent = "";
    ui.login.hidden = false;
    ui.error.textContent = message;
    ui.field.setAttribute("aria-invalid", String(Boolean(message) && message !== TEXT.loggedOut));
    ui.field.focus();
  }

  function logOut(message) {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(SESSION_KEY);
    showLogin(message);
  }

  function enter(me) {
    ui.login.hidden = true;
    ui.field.value = "";
    ui.error.textContent = "";
    ui.who.textContent = ` · ${me.municipality_name} Kommune`;
    ui.nav.hidden = false;
    ui.logout.hidden = false;
    ui.content.hidden = false;
    page.ready(me, ui.content);
  }

  async function logIn(event) {
    event.preventDefault();
    const token = ui.field.value.trim();
    if (!token) {
      showLogin(TEXT.emptyKey);
      return;
    }
    // Keys are printable ASCII; anything else cannot go in a request header, so it cannot be a key.
    if (!/^[\x21-\x7e]+$/.test(token)) {
      showLogin(TEXT.wrongKey);
      ui.field.select();
      return;
    }
    ui.submit.disabled = true;
    try {
      const me = await json("api/staff/me", { token });
      sessionStorage.setItem(TOKEN_KEY, token);
      sessionStorage.removeItem(SESSION_KEY); // a new login is a new call
      enter(me);
    } catch (error) {
      showLogin(error.message);
      ui.field.select();
    } finally {
      ui.submit.disabled = false;
    }
  }

  // page: {name: the page's name for the login heading, ready(me, content): fills content after each login}.
  async function start(options) {
    page = options;
    ui = build(page.name);
    ui.form.addEventListener("submit", logIn);
    ui.logout.addEventListener("click", () => logOut(TEXT.loggedOut));
    if (!sessionStorage.getItem(TOKEN_KEY)) {
      showLogin("");
      return;
    }
    try {
      enter(await json("api/staff/me"));
    } catch (error) {
      if (error.status !== 401) showLogin(error.message);
    }
  }

  return { element, capitalise, danishDate, sources, download, announce, request, json, fail, start, SESSION_KEY };
})();
