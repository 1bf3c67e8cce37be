// Maps the tsconfig.base.json `paths` (@kizuna/*) for jest, so there is one list of aliases.
const path = require('node:path');
const { paths } = require('../../tsconfig.base.json').compilerOptions;

function pathsToModuleNameMapper() {
  const mapper = {};
  for (const [alias, [target]] of Object.entries(paths)) {
    mapper[`^${alias.replace('*', '(.*)')}$`] = path.join('<rootDir>', target.replace('*', '$1'));
  }
  return mapper;
}

module.exports = { pathsToModuleNameMapper };
