// @ts-check
// Local ESLint plugin for Trajectory Studio: rules are used as `trajstudio/<rule>`.
import noServerImportInClient from "./rules/no-server-import-in-client.mjs";

/** @type {import("eslint").ESLint.Plugin} */
const plugin = {
  meta: { name: "eslint-plugin-trajstudio", version: "0.0.0" },
  rules: {
    "no-server-import-in-client": noServerImportInClient,
  },
};

export default plugin;
