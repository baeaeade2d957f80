// empathy-playbook: filters and compare boxes on the overview, the compare view, onboarding progress.
// Every page works without it: the overview then shows every map, and nothing is hidden.
(() => {
  "use strict";

  const FACETS = ["market", "segment", "account", "roles", "needs", "metaphors"];
  const values = (row, facet) => (row.dataset[facet] || "").split("|").filter(Boolean);

  function overview(root) {
    const labels = JSON.parse(root.dataset.labels);
    const rows = [...root.querySelectorAll("tbody tr")];
    const form = document.createElement("form");
    form.className = "ep-filters";
    form.setAttribute("aria-label", labels.title);
    const selects = {};
    for (const facet of FACETS) {
      const options = [...new Set(rows.flatMap((row) => values(row, facet)))].sort((a, b) => a.localeCompare(b));
      if (options.length === 0) continue;
      const label = document.createElement("label");
      const select = document.createElement("select");
      select.name = facet;
      select.append(new Option(labels.all, ""), ...options.map((option) => new Option(option, option)));
      label.append(labels[facet] + " ", select);
      form.append(label);
      selects[facet] = select;
    }
    const count = document.createElement("output");
    count.setAttribute("aria-live", "polite");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "md-button";
    button.textContent = labels.button;
    form.append(count, button);
    root.before(form);

    const pick = document.createElement("th");
    pick.textContent = labels.pick;
    root.querySelector("thead tr").prepend(pick);
    for (const row of rows) {
      const cell = document.createElement("td");
      const box = document.createElement("input");
      box.type = "checkbox";
      box.value = new URL(row.dataset.page, location.href).href;
      box.setAttribute("aria-label", `${labels.pick}: ${row.querySelector("a").textContent}`);
      cell.append(box);
      row.prepend(cell);
    }

    const update = () => {
      let shown = 0;
      for (const row of rows) {
        const match = Object.entries(selects).every(([facet, select]) => !select.value || values(row, facet).includes(select.value));
        row.hidden = !match;
        shown += match ? 1 : 0;
      }
      count.textContent = labels.count.replace("{shown}", shown).replace("{total}", rows.length);
      button.disabled = root.querySelectorAll("tbody input:checked").length < 2;
    };
    form.addEventListener("change", update);
    root.addEventListener("change", update);
    button.addEventListener("click", () => {
      const pages = [...root.querySelectorAll("tbody input:checked")].map((box) => encodeURIComponent(box.value));
      location.href = `${new URL(root.dataset.compare, location.href).href}#${pages.join(",")}`;
    });
    update();
  }

  async function compare(root) {
    const pages = location.hash.slice(1).split(",").filter(Boolean).map(decodeURIComponent)
      .filter((page) => new URL(page, location.href).origin === location.origin);
    if (pages.length < 2) return;
    const table = root.querySelector("table");
    const documents = await Promise.all(pages.map(async (page) => {
      const response = await fetch(page);
      return new DOMParser().parseFromString(await response.text(), "text/html");
    }));
    documents.forEach((doc, index) => {
      const base = new URL(pages[index], location.href);
      const head = document.createElement("th");
      head.scope = "col";
      const link = document.createElement("a");
      link.href = base.href;
      link.textContent = (doc.querySelector("article h1") || {}).textContent || base.pathname;
      head.append(link);
      table.querySelector("thead tr").append(head);
      for (const row of table.querySelectorAll("tbody tr")) {
        const cell = document.createElement("td");
        const section = doc.querySelector(`[data-section="${row.dataset.row}"]`);
        for (const child of section ? [...section.children].filter((node) => node.tagName !== "H2") : []) {
          const copy = document.importNode(child, true);
          // Links in a map page are relative to it: make them absolute here.
          copy.querySelectorAll("[href]").forEach((a) => { a.href = new URL(a.getAttribute("href"), base).href; });
          cell.append(copy);
        }
        row.append(cell);
      }
    });
    table.hidden = false;
    root.querySelector(".ep-empty").hidden = true;
  }

  function onboarding(list) {
    const key = `empathy-playbook:onboarding:${location.pathname}`;
    const done = new Set(JSON.parse(localStorage.getItem(key) || "[]"));
    const steps = [...list.querySelectorAll("[data-step]")];
    const progress = document.querySelector("[data-ep-progress]");
    const show = () => {
      const count = steps.filter((step) => done.has(step.dataset.step)).length;
      progress.textContent = progress.dataset.template.replace("{done}", count).replace("{total}", steps.length);
      progress.hidden = false;
    };
    for (const step of steps) {
      const label = step.querySelector(".ep-done");
      const box = label.querySelector("input");
      box.checked = done.has(step.dataset.step);
      step.classList.toggle("ep-step--done", box.checked);
      label.hidden = false;
      box.addEventListener("change", () => {
        if (box.checked) done.add(step.dataset.step); else done.delete(step.dataset.step);
        localStorage.setItem(key, JSON.stringify([...done]));
        step.classList.toggle("ep-step--done", box.checked);
        show();
      });
    }
    show();
  }

  document.querySelectorAll("[data-ep-overview]").forEach(overview);
  document.querySelectorAll("[data-ep-compare]").forEach((root) => compare(root));
  document.querySelectorAll("ol.ep-onboarding").forEach(onboarding);
})();
