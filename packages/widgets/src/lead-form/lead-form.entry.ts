/**
 * The self-registering lead form for `<script type="module" src=".../lead-form.js">`:
 * registers `<crm-lead-form>` (unless a tag of that name exists already) and
 * captures the visit's attribution (UTM, referrer, landing page).
 */
import { captureAttribution } from './attribution.js';
import { defineLeadForm } from './define.js';

captureAttribution();
defineLeadForm();
