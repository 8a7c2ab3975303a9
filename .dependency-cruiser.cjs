/**
 * The module map, enforced (npm run lint → npm run lint:deps). README "Architecture" explains it:
 *   db/        the database layer: imports nothing from platform/, modules/ or config.ts
 *   platform/  cross-cutting services: may import db/, never modules/
 *   modules/X  a domain: imports db/, platform/ and other modules only through their index.ts, never config.ts
 *   app.ts, server.ts, cli/, jobs.ts  composition: wire modules together through their index.ts
 * scripts/check-boundaries.mjs feeds these rules violating fixtures and expects each one to be reported,
 * so the check cannot pass silently.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'module-deep-import',
      comment:
        'A module is used through its index.ts only; import ../<module>/index.js, or ask the owning ' +
        'module to export what you need.',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/[^/]+/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$'] },
    },
    {
      name: 'outside-deep-import',
      comment:
        'Code outside src/modules/ (app, cli, jobs, test factories) uses a module through its index.ts only.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/modules/' },
      to: { path: '^src/modules/[^/]+/', pathNot: '^src/modules/[^/]+/index\\.ts$' },
    },
    {
      name: 'module-cycle',
      comment:
        'Modules never import each other in a circle: let one orchestrating use case call both, or ' +
        'invert the dependency (the lower module exports a hook the upper one passes in).',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/modules/[^/]+/?$' },
      to: { path: '^src/modules/[^/]+/?$', circular: true },
    },
    {
      name: 'file-cycle',
      comment:
        'No import cycles between files either (they hide module cycles and break ES module init order).',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'db-imports-upward',
      comment: 'db/ is the bottom layer: it imports nothing from platform/, modules/, config.ts or the app.',
      severity: 'error',
      from: { path: '^src/db/' },
      to: { path: '^src/', pathNot: '^src/db/' },
    },
    {
      name: 'platform-imports-module',
      comment:
        'platform/ is cross-cutting and knows no domain module; modules plug into it, not the reverse.',
      severity: 'error',
      from: { path: '^src/platform/' },
      to: { path: '^src/modules/' },
    },
    {
      name: 'module-imports-config',
      comment: 'Modules get settings passed in (AppDeps, options); only the composition reads config.ts.',
      severity: 'error',
      from: { path: '^src/modules/' },
      to: { path: '^src/config\\.ts$' },
    },
    {
      name: 'unresolvable-import',
      comment: 'An import the cruiser cannot resolve would escape every rule above.',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Production code only: tests may reach into what they test, and the harness (src/test) wires anything.
    exclude: { path: ['^(node_modules|dist|web)/', '\\.test\\.ts$', '^src/test/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.check.json' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.js'],
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
