// empathy-playbook: the overview (search, filters, sorting, compare boxes), the compare view, onboarding progress.
// Every page works without it: the overview then shows every map, and nothing is hidden.
(() => {
  "use strict";

  const FACETS = ["market", "segment", "account", "roles", "needs", "metaphors"];
  const FACET_MAX = 200; // a list longer than this is no way to choose: the search box finds those values
  const BATCH = 100; // rows drawn at a time; the next ones as the reader scrolls to them
  const SORTS = ["title", "organisation", "segment", "roles", "metaphors"];
  const collator = new Intl.Collator(document.documentElement.lang || undefined, { numeric: true, sensitivity: "base" });
  // Text compared without case or accents: "cafe" finds "Café".
  const fold = (text) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  const element = (tag, props = {}, ...children) => {
    const node = Object.assign(document.createElement(tag), props);
    node.append(...children.filter((child) => child !== null && child !== ""));
    return node;
  };

  // The overview: every map from the page's JSON data, as rows drawn on demand; a search box, facet filters,
  // sortable columns and compare boxes, all kept in the address (?find=...&segment=...&sort=...). Not `q`:
  // mkdocs-material opens its own search for that one.
  function overview(root) {
    const labels = JSON.parse(root.dataset.labels);
    const data = JSON.parse(root.querySelector("script.ep-overview-data").textContent);
    const maps = data.rows.map((row, index) => {
      const map = {
        index, title: row[0], href: row[1], role: row[2], organisation: row[3],
        account: row[4] >= 0 ? data.accounts[row[4]] : null,
        segment: row[5] >= 0 ? data.segments[row[5]] : "",
        market: row[6] >= 0 ? data.markets[row[6]] : "",
        roles: row[7].map((i) => data.roles[i]),
        needs: row[8].map((i) => data.needs[i]),
        metaphors: row[9].map((i) => data.metaphors[i]),
        tags: row[10],
      };
      map.facets = {
        market: [map.market], segment: [map.segment], account: [map.account ? map.account[0] : ""],
        roles: map.roles, needs: map.needs, metaphors: map.metaphors.map((m) => m[0]),
      };
      // One field per line: what is typed is looked for within a field, never across two.
      map.text = fold([map.title, map.role, map.organisation, map.facets.account[0], map.tags].join("\n"));
      return map;
    });
    const options = {
      market: data.markets, segment: data.segments, account: data.accounts.map((a) => a[0]),
      roles: data.roles, needs: data.needs, metaphors: data.metaphors.map((m) => m[0]),
    };

    const form = element("form", { className: "ep-filters", role: "search" });
    form.setAttribute("aria-label", labels.title);
    const search = element("input", { type: "search", name: "find", placeholder: labels.hint, autocomplete: "off" });
    form.append(element("label", { className: "ep-search" }, labels.search + " ", search));
    const selects = {};
    for (const facet of FACETS) {
      const values = [...options[facet]].sort(collator.compare);
      if (values.length === 0 || values.length > FACET_MAX) continue;
      const select = element("select", { name: facet }, new Option(labels.all, ""), ...values.map((v) => new Option(v, v)));
      form.append(element("label", {}, labels[facet] + " ", select));
      selects[facet] = select;
    }
    const count = element("output");
    count.setAttribute("aria-live", "polite");
    const button = element("button", { type: "button", className: "md-button", textContent: labels.button });
    form.append(count, button);
    root.before(form);

    const table = root.querySelector("table");
    const tbody = table.tBodies[0];
    const headRow = table.tHead.rows[0];
    headRow.prepend(element("th", { scope: "col", className: "ep-pick", textContent: labels.pick }));
    const headers = {};
    for (const th of headRow.querySelectorAll("th[data-sort]")) {
      const sortButton = element("button", { type: "button", className: "ep-sort" }, ...th.childNodes);
      th.append(sortButton);
      headers[th.dataset.sort] = th;
      sortButton.addEventListener("click", () => {
        const key = th.dataset.sort;
        state.desc = state.sort === key ? !state.desc : false;
        state.sort = key;
        update(true);
      });
    }
    const nothing = element("p", { className: "ep-empty", textContent: labels.none, hidden: true });
    const more = element("button", { type: "button", className: "ep-more", textContent: labels.more, hidden: true });
    table.after(nothing, more);
    root.querySelectorAll(".ep-first-rows").forEach((note) => { note.hidden = true; });

    // Sort orders are made once per column, on first use; descending reads the same order backwards.
    const sortKey = {
      title: (m) => m.title, organisation: (m) => m.organisation, segment: (m) => m.segment,
      roles: (m) => m.roles.join(", "), metaphors: (m) => m.facets.metaphors.join(", "),
    };
    const orders = { title: maps };
    const ordered = (key) => {
      if (!orders[key]) {
        const value = sortKey[key];
        // Empty values last, then by title: a column with gaps still reads as a list.
        orders[key] = [...maps].sort((a, b) => (!value(a) - !value(b)) || collator.compare(value(a), value(b)) || a.index - b.index);
      }
      return orders[key];
    };

    const chosen = new Set(); // indexes of the maps ticked for comparison
    const state = { q: "", facets: {}, sort: "title", desc: false };
    let matches = [];
    let drawn = 0;

    const row = (map) => {
      const box = element("input", { type: "checkbox", value: map.index, checked: chosen.has(map.index) });
      box.setAttribute("aria-label", `${labels.pick}: ${map.title}`);
      const sub = (...content) => (content.some(Boolean) ? element("span", { className: "ep-sub" }, ...content) : "");
      const links = [];
      map.metaphors.forEach(([name, href], i) => {
        if (i) links.push(", ");
        links.push(element("a", { href, textContent: name }));
      });
      return element(
        "tr", {},
        element("td", { className: "ep-pick" }, box),
        element("td", {}, element("a", { href: map.href, textContent: map.title }), sub(map.role)),
        element("td", {}, map.organisation, sub(map.account ? element("a", { href: map.account[1], textContent: map.account[0] }) : "")),
        element("td", {}, map.segment, sub(map.market)),
        element("td", {}, map.roles.join(", ")),
        element("td", {}, ...links),
      );
    };
    const draw = (upTo) => {
      const rows = [];
      for (; drawn < Math.min(upTo, matches.length); drawn++) rows.push(row(matches[drawn]));
      tbody.append(...rows);
      more.hidden = drawn >= matches.length;
    };

    const readAddress = () => {
      const params = new URLSearchParams(location.search);
      state.q = params.get("find") || "";
      state.facets = Object.fromEntries(Object.keys(selects).map((facet) => [facet, params.get(facet) || ""]));
      state.sort = SORTS.includes(params.get("sort")) ? params.get("sort") : "title";
      state.desc = params.get("order") === "desc";
      search.value = state.q;
      for (const [facet, select] of Object.entries(selects)) {
        const value = state.facets[facet];
        if (value && ![...select.options].some((option) => option.value === value)) select.append(new Option(value, value));
        select.value = value;
      }
    };
    const writeAddress = (push) => {
      const params = new URLSearchParams();
      if (state.q) params.set("find", state.q);
      for (const [facet, value] of Object.entries(state.facets)) if (value) params.set(facet, value);
      if (state.sort !== "title") params.set("sort", state.sort);
      if (state.desc) params.set("order", "desc");
      const query = params.toString();
      const address = location.pathname + (query ? `?${query}` : "") + location.hash;
      if (address !== location.pathname + location.search + location.hash) {
        history[push ? "pushState" : "replaceState"](null, "", address);
      }
    };

    function update(push) {
      const phrase = fold(state.q).split(/\s+/).filter(Boolean).join(" ");
      const facets = Object.entries(state.facets).filter(([, value]) => value);
      const order = ordered(state.sort);
      matches = [];
      for (const map of order) {
        if (map.text.includes(phrase) && facets.every(([facet, value]) => map.facets[facet].includes(value))) {
          matches.push(map);
        }
      }
      if (state.desc) matches.reverse();
      for (const [key, th] of Object.entries(headers)) {
        if (key === state.sort) th.setAttribute("aria-sort", state.desc ? "descending" : "ascending");
        else th.removeAttribute("aria-sort");
      }
      tbody.replaceChildren();
      drawn = 0;
      draw(BATCH);
      nothing.hidden = matches.length > 0;
      count.textContent = labels.count.replace("{shown}", matches.length).replace("{total}", maps.length);
      button.disabled = chosen.size < 2;
      if (push !== undefined) writeAddress(push);
    }

    search.addEventListener("input", () => { state.q = search.value; update(false); });
    form.addEventListener("change", (event) => {
      if (event.target.tagName !== "SELECT") return;
      state.facets[event.target.name] = event.target.value;
      update(true);
    });
    form.addEventListener("submit", (event) => event.preventDefault());
    tbody.addEventListener("change", (event) => {
      const index = Number(event.target.value);
      if (event.target.checked) chosen.add(index); else chosen.delete(index);
      button.disabled = chosen.size < 2;
    });
    more.addEventListener("click", () => draw(drawn + BATCH));
    if ("IntersectionObserver" in window) {
      new IntersectionObserver((entries) => {
        if (entries.some((entry) => entry.isIntersecting) && drawn < matches.length) draw(drawn + BATCH);
      }, { rootMargin: "600px" }).observe(more);
    }
    button.addEventListener("click", () => {
      const pages = [...chosen].sort((a, b) => a - b).map((i) => encodeURIComponent(new URL(maps[i].href, location.href).href));
      location.href = `${new URL(root.dataset.compare, location.href).href}#${pages.join(",")}`;
    });
    window.addEventListener("popstate", () => { readAddress(); update(); });
    readAddress();
    update();
    root.dataset.epReady = "";
  }

  // Side-by-side tables (account pages, the compare view): every cell names its row, so that on a phone,
  // where the stylesheet shows one stakeholder at a time, each cell still says what it is.
  function labelCells(table) {
    for (const tr of table.querySelectorAll("tbody tr")) {
      const label = tr.querySelector("th[scope=row]");
      if (!label) continue;
      for (const td of tr.querySelectorAll("td")) if (!td.dataset.label) td.dataset.label = label.textContent.trim();
    }
  }

  // The address names the maps to compare (#<address>,<address>,...), and anyone can write an address: it
  // only chooses among the map pages of this build, which the page lists. Nothing else is loaded or linked.
  function chosenMaps(root) {
    const list = root.querySelector("script.ep-compare-maps");
    const built = new Set(JSON.parse(list ? list.textContent : "[]").map((page) => new URL(page, location.href).href));
    const chosen = location.hash.slice(1).split(",").map((page) => {
      try {
        return new URL(decodeURIComponent(page), location.href).href;
      } catch {
        return "";
      }
    });
    return [...new Set(chosen)].filter((page) => built.has(page));
  }

  async function compare(root) {
    const pages = chosenMaps(root);
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
      const role = (doc.querySelector(".ep-person") || { dataset: {} }).dataset.role;
      if (role) head.append(element("span", { className: "ep-sub", textContent: role }));
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
    labelCells(table);
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
  document.querySelectorAll(".ep-side-by-side:not([data-ep-compare]) table").forEach(labelCells);
  document.querySelectorAll("ol.ep-onboarding").forEach(onboarding);
})();
