import { amocrmEmulation } from './amocrm-emulation.js';
import { bitrix24Emulation } from './bitrix24-emulation.js';
import type { Emulation } from './emulation.js';
import { hubspotEmulation } from './hubspot-emulation.js';
import { pipedriveEmulation } from './pipedrive-emulation.js';

/** Credentials the emulated CRMs check (each optional: without one, any credential is accepted). */
export interface CrmEmulationOptions {
  /** Bitrix24: the inbound webhook's secret token (the `{token}` in `/rest/{user}/{token}/…`). */
  bitrix24Token?: string;
  /** amoCRM/Kommo: the Bearer access token. */
  amocrmToken?: string;
  /** Pipedrive: the `api_token`. */
  pipedriveToken?: string;
}

/** @internal The four CRM emulations. */
export function crmEmulations(options: CrmEmulationOptions): Emulation[] {
  return [bitrix24Emulation(options.bitrix24Token), hubspotEmulation(), amocrmEmulation(options.amocrmToken), pipedriveEmulation(options.pipedriveToken)];
}
