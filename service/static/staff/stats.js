// "Tal": the municipality's anonymous figures (GET /api/staff/stats): conversations and bookings per day as a chart
// with the same numbers in a table, questions and unanswered questions per topic, and the figures as CSV. Beside
// them, how many booking requests were refused because one sender asked for too many (GET
// /api/staff/bookings/refused): a burst, most likely a script; never who.
"use strict";

(() => {
  const staff = window.VejviserStaff;
  const SVG = "http://www.w3.org/2000/svg";
  const TEXT = {
    waiting: "Henter tallene …",
    none: "Ingen i perioden.",
    unknownTopic: "ukendt emne",
  };

  function svg(tag, attributes = {}, text = "") {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
    if (text) node.textContent = text;
    return node;
  }

  // Bars of conversations and bookings per day. The chart is a picture only: the table after it has every number.
  function chart(days) {
    const top = 16;
    const height = 140;
    const left = 36;
    const step = 22;
    const bar = 9;
    const width = left + days.length * step + 4;
    const max = Math.max(1, ...days.map((day) => Math.max(day.conversations, day.bookings_made)));
    const root = svg("svg", {
      class: "sx-chart",
      viewBox: `0 0 ${width} ${top + height + 22}`,
      role: "img",
      "aria-labelledby": "sx-chart-title",
      focusable: "false",
    });
    root.append(svg("title", { id: "sx-chart-title" }, "Samtaler og bookinger pr. dag. Tallene står i tabellen nedenfor."));
    const base = top + height;
    root.append(svg("line", { class: "sx-axis", x1: left - 4, x2: width, y1: base, y2: base }));
    root.append(svg("text", { x: left - 8, y: top + 4, "text-anchor": "end" }, String(max)));
    root.append(svg("text", { x: left - 8, y: base + 4, "text-anchor": "end" }, "0"));
    const every = Math.ceil(days.length / 15); // a day label every few days, so they do not overlap
    days.forEach((day, index) => {
      const x = left + index * step;
      for (const [measure, offset, name] of [
        ["conversations", 0, "sx-conversations"],
        ["bookings_made", bar + 1, "sx-bookings"],
      ]) {
        const h = (day[measure] / max) * height;
        root.append(svg("rect", { class: name, x: x + offset, y: base - h, width: bar, height: h }));
      }
      if (index % every === 0) {
        root.append(svg("text", { x: x + bar, y: base + 16, "text-anchor": "middle" }, String(Number(day.date.slice(8)))));
      }
    });
    return root;
  }

  function table(caption, headings, rows) {
    const node = staff.element("table");
    node.append(staff.element("caption", {}, caption));
    const head = staff.element("tr");
    headings.forEach((heading, index) => {
      head.append(staff.element("th", index ? { scope: "col", class: "sx-number" } : { scope: "col" }, heading));
    });
    const thead = staff.element("thead");
    thead.append(head);
    const tbody = staff.element("tbody");
    for (const row of rows) {
      const line = staff.element("tr");
      row.forEach((cell, index) => {
        const tag = index ? "td" : "th";
        line.append(staff.element(tag, index ? { class: "sx-number" } : { scope: "row" }, String(cell)));
      });
      tbody.append(line);
    }
    if (!rows.length) {
      const line = staff.element("tr");
      line.append(staff.element("td", { colspan: String(headings.length) }, TEXT.none));
      tbody.append(line);
    }
    node.append(thead, tbody);
    return node;
  }

  function byTopic(caption, counts, labels) {
    const rows = Object.entries(counts)
      .filter(([, count]) => count > 0)
      .sort(([, a], [, b]) => b - a)
      .map(([topic, count]) => [staff.capitalise(labels.get(topic) || TEXT.unknownTopic), count]);
    return table(caption, ["Emne", "Antal"], rows);
  }

  function render(results, stats, labels, refused) {
    const heading = staff.element(
      "h2",
      { id: "sx-period", tabindex: "-1" },
      `${stats.municipality_name} Kommune, ${staff.danishDate(stats.first_day)} – ${staff.danishDate(stats.last_day)}`,
    );
    const totals = staff.element("dl", { class: "sx-totals" });
    const sum = (counts) => Object.values(counts).reduce((a, b) => a + b, 0);
    for (const [label, value] of [
      ["Samtaler", stats.total.conversations],
      ["Bookinger", stats.total.bookings_made],
      ["Aflyste bookinger", stats.total.bookings_cancelled],
      ...(refused ? [["Afviste bookingforsøg (for mange fra samme afsender)", sum(Object.fromEntries(refused))]] : []),
      ["Spørgsmål", sum(stats.total.questions)],
      ["Ubesvarede", sum(stats.total.fallbacks)],
    ]) {
      const pair = staff.element("div");
      pair.append(staff.element("dt", {}, label), staff.element("dd", {}, String(value)));
      totals.append(pair);
    }
    const figure = staff.element("figure", { class: "sx-figure" });
    const legend = staff.element("ul", { class: "sx-legend" });
    for (const [label, name] of [
      ["Samtaler", "sx-key-conversations"],
      ["Bookinger", "sx-key-bookings"],
    ]) {
      const item = staff.element("li");
      item.append(staff.element("span", { class: name }), label);
      legend.append(item);
    }
    figure.append(chart(stats.days), legend);
    const perDay = staff.element("div", { class: "sx-scroll", tabindex: "0", role: "region", "aria-labelledby": "sx-per-day" });
    const refusedOn = new Map(refused || []);
    const days = table(
      "Pr. dag",
      ["Dato", "Samtaler", "Bookinger", "Aflyste", ...(refused ? ["Afviste forsøg"] : [])],
      stats.days.map((day) => [
        staff.danishDate(day.date),
        day.conversations,
        day.bookings_made,
        day.bookings_cancelled,
        ...(refused ? [refusedOn.get(day.date) || 0] : []),
      ]),
    );
    days.querySelector("caption").id = "sx-per-day";
    perDay.append(days);
    const topics = staff.element("div", { class: "sx-tables" });
    topics.append(
      byTopic("Spørgsmål pr. emne", stats.total.questions, labels),
      byTopic("Ubesvarede pr. emne (Vejvisers gæt på emnet)", stats.total.fallbacks, labels),
    );
    results.replaceChildren(heading, totals, figure, perDay, topics);
    return heading;
  }

  staff.start({
    name: "Tal",
    ready(me, content) {
      const title = staff.element("h1", { tabindex: "-1" }, `Tal for ${me.municipality_name} Kommune`);
      content.append(title);
      content.append(
        staff.element("p", {}, "Anonyme tal: Vejviser tæller samtaler, spørgsmål og bookinger, aldrig hvem eller hvad."),
      );
      const form = staff.element("form", { class: "sx-form" });
      const fields = {};
      for (const [name, label] of [
        ["from", "Fra"],
        ["to", "Til"],
      ]) {
        const wrap = staff.element("label", {}, label);
        fields[name] = staff.element("input", { type: "date", name, required: "" });
        wrap.append(fields[name]);
        form.append(wrap);
      }
      const csv = staff.element("button", { type: "button" }, "Hent CSV");
      form.append(staff.element("button", { type: "submit" }, "Vis"), csv);
      const status = staff.element("p", { class: "st-status", role: "status" });
      const results = staff.element("section", { class: "sx-results", "aria-labelledby": "sx-period" });
      content.append(form, status, results);
      let labels = null;

      // The period asked for; none at first, so the service chooses its last 30 days by its own clock.
      function query() {
        const params = new URLSearchParams({ municipality: me.municipality });
        if (fields.from.value) params.set("from", fields.from.value);
        if (fields.to.value) params.set("to", fields.to.value);
        return params;
      }

      // Booking requests refused as a burst, per day of the period: [[date, count], ...]; none when the period is
      // longer than the bookings list allows, or they cannot be fetched (the figures still show).
      async function refusedIn(stats) {
        const params = new URLSearchParams({ municipality: me.municipality, from: stats.first_day, to: stats.last_day });
        try {
          return (await staff.json(`api/staff/bookings/refused?${params}`)).map((day) => [day.date, day.refused]);
        } catch {
          return null;
        }
      }

      async function load(focus) {
        status.textContent = TEXT.waiting;
        try {
          labels ??= new Map((await staff.json("api/knowledge/topics")).map((topic) => [topic.id, topic.label]));
          const stats = await staff.json(`api/staff/stats?${query()}`);
          fields.from.value = stats.first_day;
          fields.to.value = stats.last_day;
          const heading = render(results, stats, labels, await refusedIn(stats));
          status.textContent = "";
          if (focus) heading.focus();
          staff.announce(heading.textContent);
        } catch (error) {
          staff.fail(error, status);
        }
      }

      form.addEventListener("submit", (event) => {
        event.preventDefault();
        load(true);
      });
      csv.addEventListener("click", async () => {
        const params = query();
        try {
          const response = await staff.request(`api/staff/stats.csv?${params}`);
          const period = [params.get("from"), params.get("to")].filter(Boolean).join("-");
          staff.download(await response.blob(), `vejviser-${me.municipality}${period ? `-${period}` : ""}.csv`);
          status.textContent = "CSV-filen er hentet.";
        } catch (error) {
          staff.fail(error, status);
        }
      });
      title.focus();
      load(false);
    },
  });
})();
