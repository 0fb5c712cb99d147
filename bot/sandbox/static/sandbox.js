// The sandbox page: who you are, your conversations and Home, the bot's modals, the clock.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const {el} = BK;
  const ui = {
    user: localStorage.getItem("sandbox.user") || "",
    tab: {},            // per person: "home" or a conversation id
    seen: {},           // per person and conversation: messages already seen
    version: 0,
    data: null,
    shown: {},          // what is on screen, to redraw only what changed
    poll: null,
    lastFocus: null,
  };

  async function post(body) {
    const resp = await fetch("/sandbox/do", {method: "POST", headers: {"Content-Type": "application/json"},
      body: JSON.stringify({user: ui.user, ...body})});
    return resp.ok ? resp.json() : {};
  }

  function tz() {
    const me = ui.data && ui.data.people.find((p) => p.id === ui.user);
    return me ? me.tz : "UTC";
  }

  function ctxFor(fire) {
    const people = {};
    for (const p of ui.data.people) people[p.id] = p;
    people.U0COACHBOT = {name: "coachbot"};
    const names = {};
    for (const c of ui.data.conversations) names[c.id] = c.name.replace(/^#/, "");
    return {people, peopleList: ui.data.people, tz: tz(), fire,
      channelName: (id) => names[id] || id};
  }

  function when(iso) {
    const d = new Date(iso);
    return d.toLocaleString("en-GB", {timeZone: tz(), weekday: "short", day: "numeric", month: "short",
      hour: "2-digit", minute: "2-digit"});
  }

  // ------------------------------------------------------------------ polling

  async function loop() {
    for (;;) {
      const user = ui.user;
      const ctl = new AbortController();
      ui.poll = ctl;
      try {
        const resp = await fetch(`/sandbox/state?user=${encodeURIComponent(user)}&since=${ui.version}`, {signal: ctl.signal});
        const data = await resp.json();
        if (user !== ui.user) continue;
        ui.version = data.version;
        ui.data = data;
        draw();
      } catch (err) {
        if (err.name !== "AbortError") await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }

  function restart() {
    ui.version = 0;
    ui.shown = {};
    delete document.body.dataset.user;
    for (const id of ["feed", "home", "modal-root"]) $(id).replaceChildren();
    if (ui.poll) ui.poll.abort();
  }

  // ------------------------------------------------------------------ drawing

  function draw() {
    const d = ui.data;
    if (!ui.user || !d.people.some((p) => p.id === ui.user)) ui.user = d.user;
    drawWho();
    $("team").textContent = d.team;
    const me = d.people.find((p) => p.id === ui.user);
    $("clock").textContent = `${when(d.clock)} · ${me.tz.replace("_", " ")}`;
    if (ui.shown.note !== d.note) { $("note").textContent = d.note; ui.shown.note = d.note; }
    const tab = ui.tab[ui.user] || d.conversations.find((c) => c.kind === "dm").id;
    ui.tab[ui.user] = tab;
    drawTabs(tab);
    if (tab === "home") drawHome(); else drawFeed(tab);
    drawModal();
    document.body.dataset.user = ui.user;
    // How many clock jumps the page shows in full (their messages included): tests wait on it.
    if (ui.ticked && ui.version >= ui.ticked.version) document.body.dataset.ticks = String(ui.ticked.count);
  }

  function drawWho() {
    const sel = $("who");
    if (sel.options.length === 0) {
      for (const p of ui.data.people) sel.append(el("option", {value: p.id, text: `${p.name} (${p.role})`}));
    }
    sel.value = ui.user;
  }

  function unread(conv) {
    const msgs = ui.data.messages[conv] || [];
    const seen = ((ui.seen[ui.user] ||= {})[conv]) ?? msgs.length;
    (ui.seen[ui.user])[conv] = seen;
    return Math.max(0, msgs.length - seen);
  }

  function drawTabs(active) {
    const list = $("convs");
    const items = [{id: "home", name: "Home"}, ...ui.data.conversations];
    const key = JSON.stringify([active, items.map((c) => [c.id, c.id === active ? 0 : unread(c.id)])]);
    if (ui.shown.tabs === key) return;
    ui.shown.tabs = key;
    list.replaceChildren(...items.map((c) => {
      const n = c.id === "home" || c.id === active ? 0 : unread(c.id);
      const label = c.kind === "dm" ? "coachbot (messages)" : c.name;
      return el("button", {type: "button", role: "tab", "aria-selected": String(c.id === active),
        class: "tab", onclick: () => openTab(c.id)}, label, n ? el("span", {class: "badge", text: ` ${n} new`}) : null);
    }));
  }

  function openTab(id) {
    ui.tab[ui.user] = id;
    ui.shown.feed = null;
    ui.shown.home = null;
    if (id === "home") post({op: "home"});
    draw();
  }

  function author(m) {
    if (m.user === "USLACKBOT") return "Slackbot";
    if (m.bot_id || m.user === "U0COACHBOT") return "coachbot";
    const p = ui.data.people.find((x) => x.id === m.user);
    return p ? p.name : m.user;
  }

  function messageNode(m, channel, ctx) {
    const fire = (action) => post({op: "action", where: {channel, ts: m.ts}, action, values: {}});
    const c = {...ctx, fire};
    const body = m.blocks && m.blocks.length ? BK.render(m.blocks, c) : el("div", {class: "bk-text", html: BK.mrkdwn(m.text, c)});
    const files = (m.files || []).map((f) => el("figure", {class: "file"},
      BK.safeImage(`/files/${f.id}`, f.title || f.name, "file-img"), el("figcaption", {text: f.title || f.name})));
    const who = author(m);
    return el("article", {class: `msg${m.visible_to ? " ephemeral" : ""}`, "aria-label": `${who}, ${when(m.at)}`},
      el("div", {class: "meta"}, el("strong", {text: who}), who === "coachbot" ? el("span", {class: "app", text: "APP"}) : null,
        el("time", {text: when(m.at)}), m.edited_at ? el("span", {class: "edited", text: "(edited)"}) : null,
        m.visible_to ? el("span", {class: "only-you", text: "Only visible to you"}) : null),
      body, ...files);
  }

  function drawFeed(conv) {
    const msgs = ui.data.messages[conv] || [];
    const key = JSON.stringify([conv, msgs]);
    (ui.seen[ui.user] ||= {})[conv] = msgs.length;
    $("home").hidden = true;
    $("feed").hidden = false;
    $("composer").hidden = false;
    const info = ui.data.conversations.find((c) => c.id === conv);
    $("title").textContent = info.kind === "dm" ? "coachbot" : info.name;
    $("message").placeholder = info.kind === "dm" ? "Message coachbot, or type /coachme" : `Message ${info.name}, or type /pulse`;
    if (ui.shown.feed === key) return;
    ui.shown.feed = key;
    const ctx = ctxFor(null);
    const top = msgs.filter((m) => !m.thread_ts || m.thread_ts === m.ts);
    const nodes = top.map((m) => {
      const node = messageNode(m, conv, ctx);
      const replies = msgs.filter((r) => r.thread_ts === m.ts && r.ts !== m.ts);
      if (replies.length) {
        node.append(el("section", {class: "thread", "aria-label": `Thread, ${replies.length} ${replies.length === 1 ? "reply" : "replies"}`},
          el("p", {class: "thread-head", text: `${replies.length} ${replies.length === 1 ? "reply" : "replies"}`}),
          ...replies.map((r) => messageNode(r, conv, ctx))));
      }
      return node;
    });
    const feed = $("feed");
    feed.replaceChildren(...(nodes.length ? nodes : [el("p", {class: "empty",
      text: "Nothing here yet. Type a command below, for example /coachme Acme renewal."})]));
    feed.scrollTop = feed.scrollHeight;
  }

  function drawHome() {
    const view = ui.data.home;
    $("feed").hidden = true;
    $("composer").hidden = true;
    $("home").hidden = false;
    $("title").textContent = "Home";
    const key = view ? view.hash : "none";
    if (ui.shown.home === key) return;
    ui.shown.home = key;
    if (!view) { $("home").replaceChildren(el("p", {class: "empty", text: "Opening Home…"})); return; }
    const fire = (action) => post({op: "action", where: {view_id: view.id}, action, values: BK.collect($("home"))});
    $("home").replaceChildren(BK.render(view.blocks, ctxFor(fire)));
  }

  // ------------------------------------------------------------------ modals

  function drawModal() {
    const view = ui.data.modal;
    const root = $("modal-root");
    const key = view ? `${view.id}:${view.hash}` : "";
    if (ui.shown.modal === key) return;
    const wasOpen = !!ui.shown.modal;
    ui.shown.modal = key;
    if (!view) {
      root.replaceChildren();
      if (wasOpen && ui.lastFocus) ui.lastFocus.focus();
      return;
    }
    if (!wasOpen) ui.lastFocus = document.activeElement;
    const titleId = `modal-title-${view.id}`;
    const form = el("form", {class: "modal-form", novalidate: true});
    const fire = (action) => post({op: "action", where: {view_id: view.id}, action, values: BK.collect(form)});
    const general = el("p", {class: "form-error", role: "alert", hidden: true});
    const close = () => post({op: "close"});
    form.append(el("div", {class: "modal-body"}, BK.render(view.blocks, ctxFor(fire))), general,
      el("div", {class: "modal-foot"},
        el("button", {type: "button", class: "secondary", text: (view.close && view.close.text) || "Cancel", onclick: close}),
        view.submit ? el("button", {type: "submit", class: "primary", text: view.submit.text}) : null));
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const button = form.querySelector("button[type=submit]");
      button.disabled = true;
      const reply = await post({op: "submit", view_id: view.id, values: BK.collect(form)});
      button.disabled = false;
      const errors = reply.errors || {};
      general.hidden = !errors[""];
      general.textContent = errors[""] || "";
      const first = BK.showErrors(form, errors);
      if (first) first.focus();
    });
    const dialog = el("div", {class: "modal", role: "dialog", "aria-modal": "true", "aria-labelledby": titleId},
      el("header", {class: "modal-head"}, el("h2", {id: titleId, text: (view.title && view.title.text) || ""})), form);
    dialog.addEventListener("keydown", (ev) => {
      if (ev.key === "Escape") { ev.preventDefault(); close(); }
      if (ev.key === "Tab") trapFocus(dialog, ev);
    });
    root.replaceChildren(el("div", {class: "backdrop"}, dialog));
    const first = dialog.querySelector("input, textarea, select, button");
    if (first) first.focus();
  }

  function trapFocus(dialog, ev) {
    const items = [...dialog.querySelectorAll("input, textarea, select, button, a[href]")].filter((n) => !n.disabled);
    if (!items.length) return;
    const [first, last] = [items[0], items[items.length - 1]];
    if (ev.shiftKey && document.activeElement === first) { ev.preventDefault(); last.focus(); }
    else if (!ev.shiftKey && document.activeElement === last) { ev.preventDefault(); first.focus(); }
  }

  // ------------------------------------------------------------------ controls

  $("who").addEventListener("change", (ev) => {
    ui.user = ev.target.value;
    localStorage.setItem("sandbox.user", ui.user);
    restart();
  });
  $("composer").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const box = $("message");
    const text = box.value;
    if (!text.trim()) return;
    box.value = "";
    await post({op: "message", channel: ui.tab[ui.user], text});
  });
  $("next").addEventListener("click", async () => {
    $("next").disabled = true;
    $("note").textContent = "Moving the clock…";
    ui.shown.note = null;
    const reply = await post({op: "next"});
    ui.ticked = {count: (ui.ticked ? ui.ticked.count : 0) + 1, version: reply.version || 0};
    $("next").disabled = false;
    if (ui.data) draw();
  });
  $("reset").addEventListener("click", async () => {
    $("reset").disabled = true;
    $("note").textContent = "Starting over with a fresh workspace…";
    ui.shown.note = null;
    await post({op: "reset"});
    ui.seen = {};
    restart();
    $("reset").disabled = false;
  });
  loop();
})();
