import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["build/", "node_modules/", "test-results/", "playwright-report/", "data/", "db/migrations/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    // The domain is plain TypeScript: no framework, database, map or Node imports (STYLE.md habit 1).
    files: ["app/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@remix-run/*", "react", "react-dom", "react-*", "drizzle-orm", "drizzle-orm/*", "better-sqlite3", "leaflet", "react-leaflet"], message: "app/domain must stay pure." },
            { group: ["node:*"], message: "app/domain must not do I/O." },
            { group: ["~/services/*", "~/utils/*", "~/routes/*", "#db/*", "../../db/*"], message: "app/domain must not depend on outer layers." },
          ],
        },
      ],
    },
  },
  {
    // Leaflet stays inside components/map/*.client.tsx (STYLE.md habit 7).
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/components/map/**"],
    rules: {
      "no-restricted-imports": ["error", { paths: [{ name: "leaflet", message: "Leaflet lives in app/components/map only." }, { name: "react-leaflet", message: "Leaflet lives in app/components/map only." }] }],
    },
  },
);
