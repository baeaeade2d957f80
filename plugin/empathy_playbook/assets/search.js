/* The header's search box over the Pagefind index (option `search: pagefind`): results by map section,
   and filters by market, segment, account, buying role, need and metaphor, with their counts.

   The box is mkdocs-material's markup (partials/search.html from the plugin), opened and closed by the
   theme's own toggle (#__search), so it sits, looks and answers to the keyboard as the theme's search:
   f, s or / focuses it, the arrow keys walk the results, Enter opens one, Escape closes.
   Pagefind's script and index are fetched when the box is first used, and only the parts a query needs.
   Everything a map wrote reaches the page as text (textContent), never as HTML; excerpts keep only <mark>. */
(() => {
  "use strict";
  const root = document.querySelector("[data-ep-search]");
  const toggle = document.getElementById("__search");
  if (!root || !toggle) return;
  const form = root.querySelector("form");
  const input = root.querySelector("input[name=query]");
  const status = root.querySelector(".md-search-result__meta");
  const facetBox = root.querySelector(".ep-search__facets");
  const list = root.querySelector(".md-search-result__list");
  const labels = JSON.parse(root.dataset.labels || "{}");
  const bundle = new URL(root.dataset.bundle, document.baseURI);
  const siteRoot = new URL("..", bundle);

  const MAX_RESULTS = 10;
  const MAX_SECTIONS = 3;
  const MAX_VALUES = 30;
  const selected = new Map(); // facet -> Set of values: a result must have them all
  const openFacets = new Set();
  let pagefind = null;
  let loading = null;
  let totals = null; // the filters' counts over all pages, once loaded
  let filtersLoaded = null;
  let generation = 0;
  let timer = 0;

  const format = (template, values) => (template || "").replace(/\{(\w+)\}/g, (_, key) => String(values[key] ?? ""));
  const say = (text) => {
    status.textContent = text;
  };
  const make = (tag, className, text) => {
    const element = document.createElement(tag);
    if (className) element.className = className;
    if (text !== undefined) element.textContent = text;
    return element;
  };

  function load() {
    if (pagefind) return Promise.resolve(pagefind);
    if (!loading) {
      loading = (async () => {
        if (location.protocol === "file:") throw new Error(labels.file);
        let module;
        try {
          module = await import(new URL("pagefind.js", bundle).href);
        } catch (error) {
          throw new Error(labels.unbuilt);
        }
        await module.options({ basePath: bundle.pathname, baseUrl: siteRoot.pathname, excerptLength: 24 });
        await module.init();
        // The filters load beside the first search, not before it: the first result needs none of them.
        filtersLoaded = module.filters().then((counts) => {
          totals = counts;
        });
        pagefind = module;
        return module;
      })();
      loading.catch(() => {
        loading = null; // try again on the next use (the index may have been built meanwhile)
      });
    }
    return loading;
  }

  function filters() {
    const chosen = {};
    for (const [facet, values] of selected) if (values.size) chosen[facet] = [...values];
    return Object.keys(chosen).length ? chosen : null;
  }

  async function run() {
    const current = ++generation;
    let module;
    try {
      if (!pagefind) say(labels.loading);
      module = await load();
    } catch (error) {
      if (current === generation) {
        say(error.message);
        list.replaceChildren();
      }
      return;
    }
    const term = input.value.trim();
    const chosen = filters();
    if (!term && !chosen) {
      if (current !== generation) return;
      say(labels.start);
      list.replaceChildren();
      list.dataset.query = "";
      await filtersLoaded;
      if (current === generation) showFacets(totals || {});
      return;
    }
    const find = () => module.search(term || null, chosen ? { filters: chosen } : {});
    let search = await find();
    if (current !== generation || !search) return;
    const pages = await Promise.all(search.results.slice(0, MAX_RESULTS).map((result) => result.data()));
    if (current !== generation) return;
    showResults(pages, search.results.length);
    list.dataset.query = term; // which search the list shows (a hook for tests and themes)
    if (totals === null) {
      await filtersLoaded; // then the same search again, now with the counts (its chunks are loaded)
      if (current !== generation) return;
      search = await find();
      if (current !== generation || !search) return;
    }
    showFacets(search.filters || {});
  }

  function schedule() {
    clearTimeout(timer);
    if (pagefind && input.value.trim()) pagefind.preload(input.value.trim(), {});
    timer = setTimeout(run, 80);
  }

  /* Pagefind's excerpt is text with <mark> around the hits (its own text is escaped): keep exactly that,
     less the section's heading it starts with (shown above it already). */
  function excerpt(html, heading) {
    const parsed = new DOMParser().parseFromString(`<p>${html || ""}</p>`, "text/html");
    const teaser = make("p", "md-search-result__teaser");
    for (const node of parsed.body.childNodes) {
      for (const part of node.nodeName === "P" ? node.childNodes : [node]) {
        teaser.append(part.nodeName === "MARK" ? make("mark", "", part.textContent) : part.textContent);
      }
    }
    const first = teaser.firstChild;
    if (heading && first && first.nodeType === Node.TEXT_NODE && first.textContent.startsWith(`${heading}. `)) {
      first.textContent = first.textContent.slice(heading.length + 2);
    }
    return teaser;
  }

  function entry(url, heading, html, page) {
    const link = make("a", "md-search-result__link");
    link.href = url;
    const article = make("article", `md-search-result__article md-typeset${page ? " md-search-result__article--document" : ""}`);
    if (page) article.append(make("div", "md-search-result__icon md-icon"));
    article.append(make(page ? "h1" : "h2", "", heading));
    if (html) article.append(excerpt(html, page ? "" : heading));
    link.append(article);
    return link;
  }

  function showResults(pages, total) {
    say(total === 0 ? labels.none : total === 1 ? labels.one : format(labels.other, { count: total }));
    const items = pages.map((page) => {
      const item = make("li", "md-search-result__item");
      const title = (page.meta && page.meta.title) || page.url;
      const sections = page.sub_results || [];
      const top = sections.find((section) => !section.anchor);
      item.append(entry(page.url, title, top ? top.excerpt : sections.length ? "" : page.excerpt, true));
      for (const section of sections.filter((s) => s.anchor).slice(0, MAX_SECTIONS)) {
        item.append(entry(section.url, section.title, section.excerpt, false));
      }
      return item;
    });
    list.replaceChildren(...items);
  }

  function showFacets(counts) {
    const focused = document.activeElement;
    const refocus = focused && facetBox.contains(focused) ? [focused.dataset.facet, focused.value] : null;
    const groups = [];
    for (const [facet, name] of labels.facets || []) {
      const chosen = selected.get(facet) || new Set();
      const values = Object.entries(counts[facet] || {})
        .filter(([value, count]) => count > 0 || chosen.has(value))
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      if (!values.length) continue;
      const group = make("details", "ep-search__facet");
      group.dataset.facet = facet;
      group.open = openFacets.has(facet);
      const summary = make("summary", "", name);
      if (chosen.size) summary.append(make("span", "ep-search__chosen", String(chosen.size)));
      group.append(summary);
      const options = make("ul", "ep-search__values");
      const shown = values.filter(([value], index) => index < MAX_VALUES || chosen.has(value));
      for (const [value, count] of shown) {
        const option = make("li");
        const label = make("label");
        const box = make("input");
        box.type = "checkbox";
        box.dataset.facet = facet;
        box.value = value;
        box.checked = chosen.has(value);
        label.append(box, make("span", "ep-search__value", value), make("span", "ep-search__count", String(count)));
        option.append(label);
        options.append(option);
      }
      group.append(options);
      if (values.length > shown.length) group.append(make("p", "ep-search__more", format(labels.more, { count: values.length - shown.length })));
      groups.push(group);
    }
    if (selected.size) {
      const clear = make("button", "ep-search__clear md-typeset", labels.clear);
      clear.type = "button";
      groups.push(clear);
    }
    facetBox.replaceChildren(...groups);
    facetBox.hidden = !groups.length;
    if (refocus) {
      const again = [...facetBox.querySelectorAll("input")].find((box) => box.dataset.facet === refocus[0] && box.value === refocus[1]);
      if (again) again.focus();
    }
  }

  facetBox.addEventListener("toggle", (event) => {
    const group = event.target;
    if (group.open) openFacets.add(group.dataset.facet);
    else openFacets.delete(group.dataset.facet);
  }, true);
  facetBox.addEventListener("change", (event) => {
    const box = event.target;
    if (!(box instanceof HTMLInputElement)) return;
    const values = selected.get(box.dataset.facet) || new Set();
    if (box.checked) values.add(box.value);
    else values.delete(box.value);
    if (values.size) selected.set(box.dataset.facet, values);
    else selected.delete(box.dataset.facet);
    run();
  });
  facetBox.addEventListener("click", (event) => {
    if (!event.target.closest(".ep-search__clear")) return;
    selected.clear();
    input.focus();
    run();
  });

  function open() {
    if (!toggle.checked) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
    }
  }
  function close() {
    if (toggle.checked) {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
    }
    input.blur();
  }

  input.addEventListener("focus", () => {
    open();
    run();
  });
  input.addEventListener("input", schedule);
  toggle.addEventListener("change", () => {
    if (toggle.checked && document.activeElement !== input) {
      input.focus();
      input.select();
    } else if (!toggle.checked && root.contains(document.activeElement)) {
      document.activeElement.blur();
    }
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("reset", () => {
    setTimeout(() => {
      input.focus();
      run();
    });
  });
  list.addEventListener("click", (event) => {
    if (event.target.closest("a")) close();
  });

  const shortcut = (event) => ["f", "s", "/"].includes(event.key);
  const typing = (element) =>
    element instanceof HTMLElement && (element.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName));

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (!toggle.checked) {
      if (shortcut(event) && !typing(event.target)) {
        event.preventDefault();
        input.focus();
        input.select();
      }
      return;
    }
    if (event.key === "Escape") {
      event.preventDefault();
      close();
      return;
    }
    if (event.key === "Enter" && event.target === input) {
      event.preventDefault();
      const first = list.querySelector("a");
      if (first) first.click();
      return;
    }
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      const stops = [input, ...list.querySelectorAll("a.md-search-result__link")];
      const at = stops.indexOf(document.activeElement);
      if (at < 0) return; // in the filters the arrows do what they do there
      event.preventDefault();
      stops[(at + (event.key === "ArrowDown" ? 1 : -1) + stops.length) % stops.length].focus();
    }
  });
})();
