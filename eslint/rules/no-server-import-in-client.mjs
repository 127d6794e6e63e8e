// @ts-check
/**
 * trajstudio/no-server-import-in-client
 *
 * Client modules (files starting with the 'use client' directive, and every file under
 * components/) must not VALUE-import server-only code: modules under server/ or db/
 * (written as `@/server/...`, `@/db/...` or a relative/absolute path resolving there)
 * and Node-only packages (postgres, @electric-sql/pglite, drizzle-orm, node:* builtins).
 * Type-only imports are erased at compile time and are allowed.
 *
 * Resolution is purely lexical (no filesystem access): `@/x` is mapped to `<rootDir>/x`
 * as in tsconfig `paths`, and relative paths are resolved against the importing file's
 * directory. rootDir defaults to ESLint's cwd; eslint.config.mjs passes the repo root.
 */
import path from "node:path";

const SERVER_DIRS = ["server", "db"];
const CLIENT_DIRS = ["components"];
const NODE_ONLY_PACKAGES = ["postgres", "@electric-sql/pglite", "drizzle-orm"];
const ALIAS_PREFIX = "@/";

const FIX_HINT =
  "import only types from server/ and db/ in client components (use `import type`)";

/** @param {string} p */
const toPosix = (p) => p.split(path.sep).join("/");

/**
 * First path segment of `absPath` relative to `rootDir`, or null if outside rootDir.
 * @param {string} rootDir
 * @param {string} absPath
 */
function topDirUnderRoot(rootDir, absPath) {
  const rel = toPosix(path.relative(rootDir, absPath));
  if (rel === "" || rel === ".." || rel.startsWith("../") || path.isAbsolute(rel)) return null;
  return rel.split("/")[0] ?? null;
}

/**
 * Why `source` is server-only, or null if it is fine for the client.
 * @param {string} source
 * @param {string | null} fileDir directory of the importing file (null if unknown, e.g. stdin)
 * @param {string} rootDir
 * @returns {{ messageId: "serverModule" | "nodeOnlyPackage", dir?: string } | null}
 */
function classifySource(source, fileDir, rootDir) {
  if (source.startsWith("node:")) return { messageId: "nodeOnlyPackage" };
  if (NODE_ONLY_PACKAGES.some((pkg) => source === pkg || source.startsWith(`${pkg}/`))) {
    return { messageId: "nodeOnlyPackage" };
  }

  /** @type {string | null} */
  let target = null;
  if (source.startsWith(ALIAS_PREFIX)) {
    target = path.resolve(rootDir, source.slice(ALIAS_PREFIX.length));
  } else if (source === "." || source === ".." || source.startsWith("./") || source.startsWith("../")) {
    if (fileDir !== null) target = path.resolve(fileDir, source);
  } else if (path.isAbsolute(source)) {
    target = path.resolve(source);
  }
  if (target === null) return null;

  const top = topDirUnderRoot(rootDir, target);
  return top !== null && SERVER_DIRS.includes(top) ? { messageId: "serverModule", dir: top } : null;
}

/**
 * 'use client' must be in the directive prologue (before any other statement).
 * @param {import("estree").Program} program
 */
function hasUseClientDirective(program) {
  for (const stmt of program.body) {
    if (
      stmt.type !== "ExpressionStatement" ||
      stmt.expression.type !== "Literal" ||
      typeof stmt.expression.value !== "string"
    ) {
      return false;
    }
    if (stmt.expression.value === "use client") return true;
  }
  return false;
}

/**
 * String value of a static module specifier node, else null.
 * @param {any} node
 * @returns {string | null}
 */
function staticString(node) {
  if (!node) return null;
  if (node.type === "Literal" && typeof node.value === "string") return node.value;
  if (node.type === "TemplateLiteral" && node.expressions.length === 0) {
    return node.quasis[0]?.value.cooked ?? null;
  }
  return null;
}

/** @type {import("eslint").Rule.RuleModule} */
const rule = {
  meta: {
    type: "problem",
    docs: {
      description:
        "Disallow value imports of server-only code (server/, db/, Node-only packages) from client modules",
    },
    schema: [
      {
        type: "object",
        properties: {
          rootDir: { type: "string", description: "Repository root that `@/` maps to (default: ESLint cwd)" },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      serverModule: `Client module imports server code '{{source}}' (resolves into {{dir}}/, which is Node-only) — ${FIX_HINT}. This file is a client module because {{clientReason}}.`,
      nodeOnlyPackage: `Client module imports Node-only package '{{source}}', which cannot run in the browser — ${FIX_HINT}. This file is a client module because {{clientReason}}.`,
    },
  },

  create(context) {
    const options = context.options[0] ?? {};
    const rootDir = path.resolve(options.rootDir ?? context.cwd);
    const filename = context.physicalFilename ?? context.filename;
    const hasRealFile = path.isAbsolute(filename);
    const fileDir = hasRealFile ? path.dirname(filename) : null;

    const topDir = hasRealFile ? topDirUnderRoot(rootDir, filename) : null;
    const underClientDir = topDir !== null && CLIENT_DIRS.includes(topDir);
    const hasDirective = hasUseClientDirective(context.sourceCode.ast);
    if (!underClientDir && !hasDirective) return {};
    const clientReason = hasDirective
      ? "it starts with 'use client'"
      : `files under ${topDir}/ are client-side by convention`;

    /**
     * @param {import("estree").Node} node
     * @param {any} sourceNode
     */
    function check(node, sourceNode) {
      const source = staticString(sourceNode);
      if (source === null) return;
      const verdict = classifySource(source, fileDir, rootDir);
      if (!verdict) return;
      context.report({
        node,
        messageId: verdict.messageId,
        data: { source, dir: verdict.dir ?? "", clientReason },
      });
    }

    /** @param {any} s */
    const isTypeSpecifier = (s) => s.importKind === "type" || s.exportKind === "type";

    return {
      /** @param {any} node */
      ImportDeclaration(node) {
        if (node.importKind === "type") return; // import type { X } from '...'
        // import { type A, type B } from '...': every specifier is type-only. A bare
        // `import '...'` (no specifiers) is a side-effect import and IS reported.
        if (node.specifiers.length > 0 && node.specifiers.every(isTypeSpecifier)) return;
        check(node, node.source);
      },
      /** @param {any} node */
      ExportNamedDeclaration(node) {
        if (!node.source || node.exportKind === "type") return;
        if (node.specifiers.length > 0 && node.specifiers.every(isTypeSpecifier)) return;
        check(node, node.source);
      },
      /** @param {any} node */
      ExportAllDeclaration(node) {
        if (node.exportKind === "type") return; // export type * from '...'
        check(node, node.source);
      },
      /** @param {any} node import('...') */
      ImportExpression(node) {
        check(node, node.source);
      },
      /** @param {any} node require('...'), or import('...') as parsed by Babel without estree ImportExpression */
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type === "Import" || (callee.type === "Identifier" && callee.name === "require")) {
          check(node, node.arguments[0]);
        }
      },
      /** @param {any} node import x = require('...') (TypeScript) */
      TSImportEqualsDeclaration(node) {
        if (node.importKind === "type" || node.moduleReference.type !== "TSExternalModuleReference") return;
        check(node, node.moduleReference.expression);
      },
    };
  },
};

export default rule;
