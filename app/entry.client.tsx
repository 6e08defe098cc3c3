import { RemixBrowser } from "@remix-run/react";
import i18next from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";

import { asLanguage, i18nConfig, resources } from "./i18n/config";

async function hydrate() {
  // The server put the chosen language on <html lang>; both languages ship in the bundle (a few KB).
  await i18next.use(initReactI18next).init({ ...i18nConfig, resources, lng: asLanguage(document.documentElement.lang) });
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

void hydrate();
