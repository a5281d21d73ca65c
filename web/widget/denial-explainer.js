// The one script a host page imports: registers <denial-explainer> and <denial-code> (each
// class stays side-effect free in its own *-element.js) and re-exports the classes and event
// types. Importing it twice, or after another copy registered the tags, is harmless.
import { DenialExplainerElement } from './denial-explainer-element.js';
import { DenialCodeElement } from './denial-code-element.js';

for (const element of [DenialExplainerElement, DenialCodeElement]) {
  try {
    element.define();
  } catch (error) {
    // NotSupportedError: the tag (or this class) is already registered, e.g. by a second copy.
    if (!(error instanceof DOMException && error.name === 'NotSupportedError')) throw error;
  }
}

export { DenialExplainerElement, DenialReportEvent, DenialErrorEvent, DenialActionEvent, DenialError } from './denial-explainer-element.js';
export { DenialCodeElement, lookupCode } from './denial-code-element.js';
