import { html, nothing, type TemplateResult } from 'lit';
import { localize, type Pipeline } from '@crmkit/core';
import type { BoardView } from './board-view.js';

/** The row above the columns: pipeline switcher (when there are several), owner filter, text search. */
export function toolbarTemplate(view: BoardView, pipeline: Pipeline | undefined): TemplateResult {
  const t = view.t;
  const pipelines = view.crm?.pipelines.list() ?? [];
  const users = view.crm?.users.list() ?? [];
  return html`<div part="toolbar" class="toolbar">
    ${!view.noSwitcher && pipelines.length > 1
      ? html`<label
          >${t.pipeline}
          <select part="pipeline-select" @change=${(e: Event) => view.choosePipeline((e.target as HTMLSelectElement).value)}>
            ${pipelines.map((p) => html`<option value=${p.id} ?selected=${p.id === pipeline?.id}>${localize(p.name, view.loc)}</option>`)}
          </select></label
        >`
      : nothing}
    ${users.length
      ? html`<label
          >${t.owner}
          <select part="owner-select" @change=${(e: Event) => view.chooseOwner((e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${!view.owner}>${t.allOwners}</option>
            ${users.map((u) => html`<option value=${u.id} ?selected=${u.id === view.owner}>${u.name}</option>`)}
          </select></label
        >`
      : nothing}
    <label
      >${t.search}
      <input part="search" type="search" .value=${view.search} placeholder=${t.searchPlaceholder} @input=${(e: Event) => view.setSearch((e.target as HTMLInputElement).value)}
    /></label>
  </div>`;
}
