// Minimal chat page: sends messages to POST /api/chat and shows the replies.
"use strict";

const SESSION_KEY = "vejviser-session-id";
const log = document.getElementById("log");
const form = document.getElementById("chat-form");
const input = document.getElementById("message");
const statusLine = document.getElementById("status");

function show(text, who) {
  const bubble = document.createElement("div");
  bubble.className = "message " + who;
  bubble.textContent = text; // never innerHTML: user and bot text stay text
  log.appendChild(bubble);
  return bubble;
}

function showReply(reply) {
  const bubble = show(reply.text, "bot");
  if (reply.buttons && reply.buttons.length) {
    const row = document.createElement("div");
    row.className = "buttons";
    for (const button of reply.buttons) {
      const element = document.createElement("button");
      element.type = "button";
      element.textContent = button.title;
      element.addEventListener("click", () => send(button.payload, button.title));
      row.appendChild(element);
    }
    bubble.appendChild(row);
  }
}

async function send(message, shownText) {
  statusLine.textContent = "";
  show(shownText, "user");
  const body = { message: message, session_id: sessionStorage.getItem(SESSION_KEY) };
  try {
    const response = await fetch("api/chat", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    const data = await response.json();
    if (!response.ok) {
      statusLine.textContent = data.detail || "Vejviser kan ikke svare lige nu.";
      return false;
    }
    sessionStorage.setItem(SESSION_KEY, data.session_id);
    data.replies.forEach(showReply);
    return true;
  } catch (error) {
    statusLine.textContent = "Vejviser kan ikke nås lige nu. Prøv igen om lidt.";
    return false;
  }
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const text = input.value.trim();
  if (!text) return;
  if (await send(text, text)) input.value = "";
});
