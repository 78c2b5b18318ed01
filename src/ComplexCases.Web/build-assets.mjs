// Copies the compiled GOV.UK Frontend and MoJ Frontend assets into wwwroot/assets.
import { cpSync, mkdirSync, existsSync } from 'node:fs';

const out = 'wwwroot/assets';
mkdirSync(out, { recursive: true });
const govuk = 'node_modules/govuk-frontend/dist/govuk';
const moj = 'node_modules/@ministryofjustice/frontend/moj';
const copies = [
  [`${govuk}/govuk-frontend.min.css`, `${out}/govuk-frontend.min.css`],
  [`${govuk}/govuk-frontend.min.js`, `${out}/govuk-frontend.min.js`],
  [`${govuk}/assets`, `${out}`],
  [`${moj}/moj-frontend.min.css`, `${out}/moj-frontend.min.css`],
  [`${moj}/moj-frontend.min.js`, `${out}/moj-frontend.min.js`],
];
for (const [from, to] of copies) {
  if (!existsSync(from)) throw new Error(`missing ${from}: has the package layout changed?`);
  cpSync(from, to, { recursive: true });
}
console.log('front-end assets copied to', out);
