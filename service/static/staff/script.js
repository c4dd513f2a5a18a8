// "Manuskript til print": the municipality's whole guided script (GET /api/staff/script) on one page to print, with
// the standard's title and date on every printed page (staff.css), or as the service's PDF.
"use strict";

(() => {
  const staff = window.VejviserStaff;

  function readAloud(list) {
    const read = staff.element("ol", { class: "sc-read" });
    for (const said of list) {
      const item = staff.element("li");
      item.append(staff.element("p", { class: "sc-say" }, said.text), staff.sources(said.sources));
      read.append(item);
    }
    return read;
  }

  // "For: Borger, Fagperson (under 18 år)"
  function audience(variant) {
    const callers = variant.callers.map((caller) => caller.label).join(", ");
    return `For: ${callers}${variant.age ? ` (${variant.age.label})` : ""}`;
  }

  function section(id, title) {
    const node = staff.element("section", { class: "sc-section", "aria-labelledby": id });
    node.append(staff.element("h2", { id }, title));
    return node;
  }

  function topicSection(printed, labels) {
    const node = section(`sc-${printed.topic.id}`, staff.capitalise(printed.topic.label));
    for (const variant of printed.variants) {
      const part = staff.element("div", { class: "sc-variant" });
      part.append(staff.element("h3", {}, audience(variant)), readAloud(variant.read_aloud));
      if (variant.followups.length) {
        part.append(staff.element("h4", {}, "Spørg bagefter"));
        const list = staff.element("ul", { class: "sc-followups" });
        for (const followup of variant.followups) {
          const item = staff.element("li", {}, `${followup.ask} `);
          // The topic it leads to; none means booking the anonymous conversation.
          const to = followup.topic ? `Emne: ${labels.get(followup.topic) || followup.topic}` : "Book en anonym samtale";
          item.append(staff.element("span", { class: "sc-to" }, `(${to})`));
          list.append(item);
        }
        part.append(list);
      }
      node.append(part);
    }
    return node;
  }

  staff.start({
    name: "Manuskript til print",
    ready(me, content) {
      const title = staff.element("h1", { tabindex: "-1" }, `Guidet forløb · ${me.municipality_name} Kommune`);
      const status = staff.element("p", { class: "st-status", role: "status" }, "Henter manuskriptet …");
      const tools = staff.element("div", { class: "sc-tools" });
      const print = staff.element("button", { type: "button" }, "Udskriv");
      const pdf = staff.element("button", { type: "button" }, "Hent PDF");
      tools.append(print, pdf);
      content.append(title, tools, status);
      title.focus();
      print.addEventListener("click", () => window.print());
      pdf.addEventListener("click", async () => {
        try {
          const response = await staff.request(`api/staff/script.pdf?municipality=${encodeURIComponent(me.municipality)}`);
          staff.download(await response.blob(), `vejviser-script-${me.municipality}.pdf`);
          status.textContent = "PDF-filen er hentet.";
        } catch (error) {
          staff.fail(error, status);
        }
      });

      (async () => {
        try {
          const script = await staff.json(`api/staff/script?municipality=${encodeURIComponent(me.municipality)}`);
          const labels = new Map(script.topics.map((printed) => [printed.topic.id, printed.topic.label]));
          // On screen under the title; in print at the top of every page.
          const standard = staff.element("p", { class: "sc-standard" }, `${script.standard.title} · ${script.dated}`);
          const emergency = section("sc-akut", "Akut: læs op først");
          emergency.append(readAloud(script.emergency.map((fact) => ({ text: fact.spoken, sources: fact.sources }))));
          title.after(standard);
          content.append(emergency, ...script.topics.map((printed) => topicSection(printed, labels)));
          status.textContent = "";
        } catch (error) {
          staff.fail(error, status);
        }
      })();
    },
  });
})();
