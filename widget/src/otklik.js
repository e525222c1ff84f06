// Entry of /widget/otklik.js: defines <otklik-feedback> and <otklik-polls> once per page.
import { OtklikFeedback } from './feedback.js';
import { OtklikPolls } from './polls.js';

if (!customElements.get('otklik-feedback')) customElements.define('otklik-feedback', OtklikFeedback);
if (!customElements.get('otklik-polls')) customElements.define('otklik-polls', OtklikPolls);
