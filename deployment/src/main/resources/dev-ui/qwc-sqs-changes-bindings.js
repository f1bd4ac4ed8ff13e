import { LitElement, html, css } from 'lit';
import { bindings } from 'build-time-data';
import { columnBodyRenderer } from '@vaadin/grid/lit.js';
import '@vaadin/grid';

/**
 * The @ChangeMapper beans found at build time and the queues each is bound to.
 */
export class QwcSqsChangesBindings extends LitElement {

    static styles = css`
        :host { display: flex; flex-direction: column; height: 100%; padding: 0 10px; }
    `;

    render() {
        if (bindings.length === 0) {
            return html`<p>No <code>@ChangeMapper</code> bean: every queue makes its changes with its <code>format</code>.</p>`;
        }
        return html`
            <vaadin-grid id="bindings" .items=${bindings} theme="no-border" all-rows-visible>
                <vaadin-grid-column header="Mapper" auto-width ${columnBodyRenderer(b => html`<code>${b.mapper}</code>`, [])}></vaadin-grid-column>
                <vaadin-grid-column header="Queues" flex-grow="1" ${columnBodyRenderer(b => html`${b.queues.join(', ')}`, [])}></vaadin-grid-column>
            </vaadin-grid>`;
    }
}
customElements.define('qwc-sqs-changes-bindings', QwcSqsChangesBindings);
