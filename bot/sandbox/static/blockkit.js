// Renders Slack's Block Kit and mrkdwn as plain, accessible HTML, and reads inputs back
// into Slack's `state.values` shape. No dependencies.
"use strict";

const BK = (() => {
  let uid = 0;
  const nextId = (p) => `${p}-${++uid}`;

  function esc(s) {
    return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;");
  }

  function el(tag, attrs, ...kids) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else if (k === "html") node.innerHTML = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : v);
    }
    for (const kid of kids.flat()) if (kid) node.append(kid);
    return node;
  }

  // The emoji the bot uses, plus a few common ones; others stay as their :code:.
  const EMOJI = {wave: "👋", lock: "🔒", raised_hands: "🙌", hourglass_flowing_sand: "⏳",
    bust_in_silhouette: "👤", tada: "🎉", white_check_mark: "✅", calendar: "📅", bulb: "💡",
    thumbsup: "👍", "+1": "👍", heart: "❤️", star: "⭐", memo: "📝", bell: "🔔"};
  const emoji = (s) => String(s).replace(/:([a-z0-9_+-]+):/g, (m, name) => EMOJI[name] || m);

  function fmtDate(ts, tz) {
    const d = new Date(ts * 1000);
    const day = d.toLocaleDateString("en-GB", {timeZone: tz, weekday: "short", day: "numeric", month: "short"});
    const time = d.toLocaleTimeString("en-GB", {timeZone: tz, hour: "2-digit", minute: "2-digit"});
    return `${day} at ${time}`;
  }

  // mrkdwn -> safe HTML. Special <...> sequences become placeholders first.
  function mrkdwn(text, ctx) {
    const specials = [];
    const hold = (html) => { specials.push(html); return `\u0000${specials.length - 1}\u0000`; };
    let s = String(text || "").replace(/<([^<>\n]+)>/g, (_, inner) => {
      const [target, label] = inner.split("|");
      if (target.startsWith("@")) {
        const p = ctx.people[target.slice(1)];
        return hold(`<span class="mention">@${esc(p ? p.name : (label || target.slice(1)))}</span>`);
      }
      if (target.startsWith("#")) {
        return hold(`<span class="mention">#${esc(label || ctx.channelName(target.slice(1)))}</span>`);
      }
      if (target.startsWith("!date^")) {
        const ts = Number(target.split("^")[1]);
        return hold(esc(Number.isFinite(ts) ? fmtDate(ts, ctx.tz) : (label || "")));
      }
      if (target.startsWith("!")) return hold(`<span class="mention">@${esc(target.slice(1))}</span>`);
      if (/^(https?:|mailto:)/.test(target)) {
        return hold(`<a href="${esc(target)}" target="_blank" rel="noopener noreferrer">${esc(label || target)}</a>`);
      }
      return hold(esc(label || target));
    });
    s = s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
    s = esc(emoji(s));
    s = s.replace(/```([\s\S]*?)```/g, (_, code) => hold(`<pre>${code}</pre>`));
    s = s.replace(/`([^`\n]+)`/g, (_, code) => hold(`<code>${code}</code>`));
    s = s.replace(/(^|[^\w*])\*(?!\s)([^*\n]+?)\*(?!\w)/g, "$1<strong>$2</strong>");
    s = s.replace(/(^|[^\w_])_(?!\s)([^_\n]+?)_(?!\w)/g, "$1<em>$2</em>");
    s = s.replace(/(^|[^\w~])~(?!\s)([^~\n]+?)~(?!\w)/g, "$1<del>$2</del>");
    const out = [];
    let quote = [];
    const flush = () => { if (quote.length) out.push(`<blockquote>${quote.join("<br>")}</blockquote>`); quote = []; };
    for (const line of s.split("\n")) {
      if (line.startsWith("&gt;")) quote.push(line.replace(/^&gt;\s?/, ""));
      else { flush(); out.push(line + "<br>"); }
    }
    flush();
    let html = out.join("").replace(/(<br>)+$/, "");
    html = html.replace(/\u0000(\d+)\u0000/g, (_, i) => specials[Number(i)]);
    return html.replace(/\u0000(\d+)\u0000/g, (_, i) => specials[Number(i)]);
  }

  function textNode(t, ctx, tag = "span", cls = "") {
    if (!t) return null;
    if (t.type === "mrkdwn") return el(tag, {class: cls, html: mrkdwn(t.text, ctx)});
    return el(tag, {class: cls, text: t.emoji === false ? t.text : emoji(t.text)});
  }

  const plainOf = (t) => (t && t.text) || "";

  function allOptions(e) {
    const opts = [...(e.options || [])];
    for (const g of e.option_groups || []) opts.push(...(g.options || []));
    return opts;
  }

  // ------------------------------------------------------------------ elements

  function selectEl(e, ctx, id, label) {
    const sel = el("select", {id, "aria-label": label});
    const opts = allOptions(e);
    sel._options = opts;
    const placeholder = plainOf(e.placeholder) || "Choose one";
    sel.append(el("option", {value: "", text: placeholder}));
    const addOpt = (parent, o) => parent.append(el("option", {value: String(opts.indexOf(o)), text: plainOf(o.text)}));
    for (const o of e.options || []) addOpt(sel, o);
    for (const g of e.option_groups || []) {
      const group = el("optgroup", {label: plainOf(g.label)});
      for (const o of g.options || []) addOpt(group, o);
      sel.append(group);
    }
    const init = e.initial_option && opts.findIndex((o) => o.value === e.initial_option.value);
    if (init !== undefined && init !== null && init >= 0) sel.value = String(init);
    return sel;
  }

  function peopleSelect(e, ctx, id, label, multiple) {
    const sel = el("select", {id, "aria-label": label, multiple: multiple || null, size: multiple ? 4 : null});
    if (!multiple) sel.append(el("option", {value: "", text: plainOf(e.placeholder) || "Choose a person"}));
    const chosen = new Set(multiple ? (e.initial_users || []) : [e.initial_user]);
    for (const p of ctx.peopleList) {
      sel.append(el("option", {value: p.id, text: p.name, selected: chosen.has(p.id) || null}));
    }
    return sel;
  }

  function choices(e, ctx, id, kind) {
    const box = el("div", {class: "bk-choices", role: kind === "radio" ? "radiogroup" : "group"});
    const init = new Set((e.initial_options || (e.initial_option ? [e.initial_option] : [])).map((o) => o.value));
    (e.options || []).forEach((o, i) => {
      const input = el("input", {type: kind, name: id, value: String(i), id: `${id}-${i}`, checked: init.has(o.value) || null});
      const label = el("label", {for: `${id}-${i}`}, textNode(o.text, ctx));
      box.append(el("div", {class: "bk-choice"}, input, label, o.description ? textNode(o.description, ctx, "small") : null));
    });
    box._options = e.options || [];
    return box;
  }

  // An element; `fire(action)` is called for interactive elements outside input blocks.
  function element(e, ctx, opts) {
    const id = opts.id || nextId("bk");
    const label = opts.label || plainOf(e.placeholder) || e.action_id;
    let node;
    switch (e.type) {
      case "button": {
        node = el("button", {type: "button", class: `bk-button ${e.style || ""}`, text: plainOf(e.text),
          onclick: () => opts.fire({type: "button", action_id: e.action_id, block_id: opts.blockId,
            text: e.text, value: e.value, style: e.style})});
        if (e.url) node.title = e.url;
        return node;
      }
      case "overflow": {
        node = selectEl({options: e.options, placeholder: {text: "More options…"}}, ctx, id, "More options");
        node.classList.add("bk-overflow");
        break;
      }
      case "static_select": node = selectEl(e, ctx, id, label); break;
      case "users_select": node = peopleSelect(e, ctx, id, label, false); break;
      case "multi_users_select": node = peopleSelect(e, ctx, id, label, true); break;
      case "checkboxes": node = choices(e, ctx, id, "checkbox"); break;
      case "radio_buttons": node = choices(e, ctx, id, "radio"); break;
      case "datepicker": node = el("input", {type: "date", id, value: e.initial_date || null}); break;
      case "timepicker": node = el("input", {type: "time", id, value: e.initial_time || null}); break;
      case "number_input":
        node = el("input", {type: "number", id, step: e.is_decimal_allowed ? "any" : "1",
          min: e.min_value, max: e.max_value, value: e.initial_value || null}); break;
      case "plain_text_input": {
        const attrs = {id, maxlength: e.max_length, minlength: e.min_length,
          placeholder: plainOf(e.placeholder) || null};
        node = e.multiline ? el("textarea", {...attrs, rows: 3}) : el("input", {type: "text", ...attrs});
        node.value = e.initial_value || "";
        break;
      }
      case "image":
        return safeImage(e.image_url, e.alt_text, "bk-thumb");
      default:
        return el("span", {class: "bk-unknown", text: `[${e.type}]`});
    }
    node.dataset.type = e.type;
    node.dataset.action = e.action_id || "";
    node.dataset.block = opts.blockId || "";
    node._element = e;
    if (opts.fire && !opts.inInput) {
      node.addEventListener("change", () => {
        const st = stateOf(node);
        if (e.type === "overflow") st.type = "overflow";
        opts.fire({action_id: e.action_id, block_id: opts.blockId, ...st});
      });
    }
    return node;
  }

  function safeImage(url, alt, cls) {
    const local = typeof url === "string" && (url.startsWith("/") || url.startsWith(location.origin) || url.startsWith("data:image/"));
    if (!local) return el("span", {class: "bk-image-missing", text: `[image: ${alt || "picture"}]`});
    return el("img", {src: url, alt: alt || "", class: cls, loading: "lazy"});
  }

  // Slack's state entry for one input element.
  function stateOf(node) {
    const t = node.dataset.type;
    const st = {type: t};
    if (t === "static_select" || t === "overflow") {
      st.selected_option = node.value === "" ? null : node._options[Number(node.value)];
    } else if (t === "users_select") {
      st.selected_user = node.value || null;
    } else if (t === "multi_users_select") {
      st.selected_users = [...node.selectedOptions].map((o) => o.value);
    } else if (t === "checkboxes") {
      st.selected_options = [...node.querySelectorAll("input:checked")].map((i) => node._options[Number(i.value)]);
    } else if (t === "radio_buttons") {
      const on = node.querySelector("input:checked");
      st.selected_option = on ? node._options[Number(on.value)] : null;
    } else if (t === "datepicker") {
      st.selected_date = node.value || null;
    } else if (t === "timepicker") {
      st.selected_time = node.value || null;
    } else {
      st.value = node.value === "" ? null : node.value;
    }
    return st;
  }

  function collect(root) {
    const values = {};
    for (const node of root.querySelectorAll("[data-type][data-block]")) {
      if (node.dataset.type === "button" || !node.dataset.block) continue;
      (values[node.dataset.block] ||= {})[node.dataset.action] = stateOf(node);
    }
    return values;
  }

  // ------------------------------------------------------------------ blocks

  function block(b, ctx) {
    const fire = (action) => ctx.fire(action);
    const bid = b.block_id;
    switch (b.type) {
      case "header": return el("h3", {class: "bk-header", text: plainOf(b.text)});
      case "divider": return el("hr", {class: "bk-divider"});
      case "context":
        return el("div", {class: "bk-context"}, (b.elements || []).map((e) =>
          e.type === "image" ? safeImage(e.image_url, e.alt_text, "bk-context-img") : textNode(e, ctx)));
      case "image":
        return el("figure", {class: "bk-image"}, safeImage(b.image_url, b.alt_text),
          b.title ? el("figcaption", {text: plainOf(b.title)}) : null);
      case "section": {
        const acc = b.accessory ? element(b.accessory, ctx, {blockId: bid, fire,
          label: b.accessory.type === "overflow" ? "More options" : plainOf(b.text).slice(0, 60)}) : null;
        return el("div", {class: "bk-section"},
          el("div", {class: "bk-section-main"},
            textNode(b.text, ctx, "div", "bk-text"),
            b.fields ? el("div", {class: "bk-fields"}, b.fields.map((f) => textNode(f, ctx, "div", "bk-field"))) : null),
          acc ? el("div", {class: "bk-accessory"}, acc) : null);
      }
      case "actions":
        return el("div", {class: "bk-actions", role: "group"}, (b.elements || []).map((e) =>
          element(e, ctx, {blockId: bid, fire, label: plainOf(e.placeholder) || plainOf(e.text) || "Choose"})));
      case "input": {
        const id = nextId("in");
        const labelText = plainOf(b.label);
        const e = b.element || {};
        const group = e.type === "checkboxes" || e.type === "radio_buttons";
        const labelEl = group
          ? el("span", {class: "bk-label", id: `${id}-label`}, labelText, b.optional ? el("small", {text: " (optional)"}) : null)
          : el("label", {class: "bk-label", for: id}, labelText, b.optional ? el("small", {text: " (optional)"}) : null);
        const input = element(e, ctx, {id, blockId: bid, label: labelText, inInput: true,
          fire: e.dispatch_action || b.dispatch_action ? fire : null});
        if (group) input.setAttribute("aria-labelledby", `${id}-label`);
        if (!group) input.removeAttribute("aria-label");
        const hint = b.hint ? el("p", {class: "bk-hint", id: `${id}-hint`, text: plainOf(b.hint)}) : null;
        const error = el("p", {class: "bk-error", id: `${id}-error`, hidden: true});
        input.setAttribute("aria-describedby", [hint ? `${id}-hint` : "", `${id}-error`].join(" ").trim());
        return el("div", {class: "bk-input", "data-block-id": bid}, labelEl, input, hint, error);
      }
      case "data_visualization": {
        // Slack draws the chart; here its numbers show as a small table under the title.
        const c = b.chart || {};
        const cats = (c.axis_config && c.axis_config.categories) || [];
        return el("figure", {class: "bk-chart"},
          el("figcaption", {text: b.title || "Chart"}),
          el("table", {},
            el("tr", {}, el("th", {text: ""}), cats.map((x) => el("th", {scope: "col", text: String(x)}))),
            (c.series || []).map((s) => el("tr", {},
              el("th", {scope: "row", text: String(s.name)}),
              (s.data || []).map((d) => el("td", {text: String(d.value)}))))));
      }
      case "rich_text":
        return el("div", {class: "bk-text", text: JSON.stringify(b.elements || []).replace(/.*"text":"([^"]*)".*/, "$1")});
      default:
        return el("div", {class: "bk-unknown", text: `[${b.type}]`});
    }
  }

  function render(blocks, ctx) {
    const frag = el("div", {class: "bk"});
    for (const b of blocks || []) frag.append(block(b, ctx));
    return frag;
  }

  // Slack's inline errors: the message under its field, the field marked invalid.
  function showErrors(root, errors) {
    let first = null;
    for (const box of root.querySelectorAll(".bk-input")) {
      const msg = errors[box.dataset.blockId];
      const p = box.querySelector(".bk-error");
      const field = box.querySelector("[data-type]");
      p.hidden = !msg;
      p.textContent = msg || "";
      if (field) field.setAttribute("aria-invalid", msg ? "true" : "false");
      box.classList.toggle("has-error", !!msg);
      if (msg && !first) first = field;
    }
    return first;
  }

  return {render, collect, showErrors, mrkdwn, el, esc, safeImage};
})();
