import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 7163:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const debug = __nccwpck_require__(1159)
const { MAX_LENGTH, MAX_SAFE_INTEGER } = __nccwpck_require__(5101)
const { safeRe: re, t } = __nccwpck_require__(5471)

const parseOptions = __nccwpck_require__(356)
const { compareIdentifiers } = __nccwpck_require__(3348)

const isPrereleaseIdentifier = (prerelease, identifier) => {
  const identifiers = identifier.split('.')
  if (identifiers.length > prerelease.length) {
    return false
  }

  for (let i = 0; i < identifiers.length; i++) {
    if (compareIdentifiers(prerelease[i], identifiers[i]) !== 0) {
      return false
    }
  }

  return true
}

class SemVer {
  constructor (version, options) {
    options = parseOptions(options)

    if (version instanceof SemVer) {
      if (version.loose === !!options.loose &&
        version.includePrerelease === !!options.includePrerelease) {
        return version
      } else {
        version = version.version
      }
    } else if (typeof version !== 'string') {
      throw new TypeError(`Invalid version. Must be a string. Got type "${typeof version}".`)
    }

    if (version.length > MAX_LENGTH) {
      throw new TypeError(
        `version is longer than ${MAX_LENGTH} characters`
      )
    }

    debug('SemVer', version, options)
    this.options = options
    this.loose = !!options.loose
    // this isn't actually relevant for versions, but keep it so that we
    // don't run into trouble passing this.options around.
    this.includePrerelease = !!options.includePrerelease

    const m = version.trim().match(options.loose ? re[t.LOOSE] : re[t.FULL])

    if (!m) {
      throw new TypeError(`Invalid Version: ${version}`)
    }

    this.raw = version

    // these are actually numbers
    this.major = +m[1]
    this.minor = +m[2]
    this.patch = +m[3]

    if (this.major > MAX_SAFE_INTEGER || this.major < 0) {
      throw new TypeError('Invalid major version')
    }

    if (this.minor > MAX_SAFE_INTEGER || this.minor < 0) {
      throw new TypeError('Invalid minor version')
    }

    if (this.patch > MAX_SAFE_INTEGER || this.patch < 0) {
      throw new TypeError('Invalid patch version')
    }

    // numberify any prerelease numeric ids
    if (!m[4]) {
      this.prerelease = []
    } else {
      this.prerelease = m[4].split('.').map((id) => {
        if (/^[0-9]+$/.test(id)) {
          const num = +id
          if (num >= 0 && num < MAX_SAFE_INTEGER) {
            return num
          }
        }
        return id
      })
    }

    this.build = m[5] ? m[5].split('.') : []
    this.format()
  }

  format () {
    this.version = `${this.major}.${this.minor}.${this.patch}`
    if (this.prerelease.length) {
      this.version += `-${this.prerelease.join('.')}`
    }
    return this.version
  }

  toString () {
    return this.version
  }

  compare (other) {
    debug('SemVer.compare', this.version, this.options, other)
    if (!(other instanceof SemVer)) {
      if (typeof other === 'string' && other === this.version) {
        return 0
      }
      other = new SemVer(other, this.options)
    }

    if (other.version === this.version) {
      return 0
    }

    return this.compareMain(other) || this.comparePre(other)
  }

  compareMain (other) {
    if (!(other instanceof SemVer)) {
      other = new SemVer(other, this.options)
    }

    if (this.major < other.major) {
      return -1
    }
    if (this.major > other.major) {
      return 1
    }
    if (this.minor < other.minor) {
      return -1
    }
    if (this.minor > other.minor) {
      return 1
    }
    if (this.patch < other.patch) {
      return -1
    }
    if (this.patch > other.patch) {
      return 1
    }
    return 0
  }

  comparePre (other) {
    if (!(other instanceof SemVer)) {
      other = new SemVer(other, this.options)
    }

    // NOT having a prerelease is > having one
    if (this.prerelease.length && !other.prerelease.length) {
      return -1
    } else if (!this.prerelease.length && other.prerelease.length) {
      return 1
    } else if (!this.prerelease.length && !other.prerelease.length) {
      return 0
    }

    let i = 0
    do {
      const a = this.prerelease[i]
      const b = other.prerelease[i]
      debug('prerelease compare', i, a, b)
      if (a === undefined && b === undefined) {
        return 0
      } else if (b === undefined) {
        return 1
      } else if (a === undefined) {
        return -1
      } else if (a === b) {
        continue
      } else {
        return compareIdentifiers(a, b)
      }
    } while (++i)
  }

  compareBuild (other) {
    if (!(other instanceof SemVer)) {
      other = new SemVer(other, this.options)
    }

    let i = 0
    do {
      const a = this.build[i]
      const b = other.build[i]
      debug('build compare', i, a, b)
      if (a === undefined && b === undefined) {
        return 0
      } else if (b === undefined) {
        return 1
      } else if (a === undefined) {
        return -1
      } else if (a === b) {
        continue
      } else {
        return compareIdentifiers(a, b)
      }
    } while (++i)
  }

  // preminor will bump the version up to the next minor release, and immediately
  // down to pre-release. premajor and prepatch work the same way.
  inc (release, identifier, identifierBase) {
    if (release.startsWith('pre')) {
      if (!identifier && identifierBase === false) {
        throw new Error('invalid increment argument: identifier is empty')
      }
      // Avoid an invalid semver results
      if (identifier) {
        const match = `-${identifier}`.match(this.options.loose ? re[t.PRERELEASELOOSE] : re[t.PRERELEASE])
        if (!match || match[1] !== identifier) {
          throw new Error(`invalid identifier: ${identifier}`)
        }
      }
    }

    switch (release) {
      case 'premajor':
        this.prerelease.length = 0
        this.patch = 0
        this.minor = 0
        this.major++
        this.inc('pre', identifier, identifierBase)
        break
      case 'preminor':
        this.prerelease.length = 0
        this.patch = 0
        this.minor++
        this.inc('pre', identifier, identifierBase)
        break
      case 'prepatch':
        // If this is already a prerelease, it will bump to the next version
        // drop any prereleases that might already exist, since they are not
        // relevant at this point.
        this.prerelease.length = 0
        this.inc('patch', identifier, identifierBase)
        this.inc('pre', identifier, identifierBase)
        break
      // If the input is a non-prerelease version, this acts the same as
      // prepatch.
      case 'prerelease':
        if (this.prerelease.length === 0) {
          this.inc('patch', identifier, identifierBase)
        }
        this.inc('pre', identifier, identifierBase)
        break
      case 'release':
        if (this.prerelease.length === 0) {
          throw new Error(`version ${this.raw} is not a prerelease`)
        }
        this.prerelease.length = 0
        break

      case 'major':
        // If this is a pre-major version, bump up to the same major version.
        // Otherwise increment major.
        // 1.0.0-5 bumps to 1.0.0
        // 1.1.0 bumps to 2.0.0
        if (
          this.minor !== 0 ||
          this.patch !== 0 ||
          this.prerelease.length === 0
        ) {
          this.major++
        }
        this.minor = 0
        this.patch = 0
        this.prerelease = []
        break
      case 'minor':
        // If this is a pre-minor version, bump up to the same minor version.
        // Otherwise increment minor.
        // 1.2.0-5 bumps to 1.2.0
        // 1.2.1 bumps to 1.3.0
        if (this.patch !== 0 || this.prerelease.length === 0) {
          this.minor++
        }
        this.patch = 0
        this.prerelease = []
        break
      case 'patch':
        // If this is not a pre-release version, it will increment the patch.
        // If it is a pre-release it will bump up to the same patch version.
        // 1.2.0-5 patches to 1.2.0
        // 1.2.0 patches to 1.2.1
        if (this.prerelease.length === 0) {
          this.patch++
        }
        this.prerelease = []
        break
      // This probably shouldn't be used publicly.
      // 1.0.0 'pre' would become 1.0.0-0 which is the wrong direction.
      case 'pre': {
        const base = Number(identifierBase) ? 1 : 0

        if (this.prerelease.length === 0) {
          this.prerelease = [base]
        } else {
          let i = this.prerelease.length
          while (--i >= 0) {
            if (typeof this.prerelease[i] === 'number') {
              this.prerelease[i]++
              i = -2
            }
          }
          if (i === -1) {
            // didn't increment anything
            if (identifier === this.prerelease.join('.') && identifierBase === false) {
              throw new Error('invalid increment argument: identifier already exists')
            }
            this.prerelease.push(base)
          }
        }
        if (identifier) {
          // 1.2.0-beta.1 bumps to 1.2.0-beta.2,
          // 1.2.0-beta.fooblz or 1.2.0-beta bumps to 1.2.0-beta.0
          let prerelease = [identifier, base]
          if (identifierBase === false) {
            prerelease = [identifier]
          }
          if (isPrereleaseIdentifier(this.prerelease, identifier)) {
            const prereleaseBase = this.prerelease[identifier.split('.').length]
            if (isNaN(prereleaseBase)) {
              this.prerelease = prerelease
            }
          } else {
            this.prerelease = prerelease
          }
        }
        break
      }
      default:
        throw new Error(`invalid increment argument: ${release}`)
    }
    this.raw = this.format()
    if (this.build.length) {
      this.raw += `+${this.build.join('.')}`
    }
    return this
  }
}

module.exports = SemVer


/***/ }),

/***/ 5101:
/***/ ((module) => {



// Note: this is the semver.org version of the spec that it implements
// Not necessarily the package version of this code.
const SEMVER_SPEC_VERSION = '2.0.0'

const MAX_LENGTH = 256
const MAX_SAFE_INTEGER = Number.MAX_SAFE_INTEGER ||
/* istanbul ignore next */ 9007199254740991

// Max safe segment length for coercion.
const MAX_SAFE_COMPONENT_LENGTH = 16

// Max safe length for a build identifier. The max length minus 6 characters for
// the shortest version with a build 0.0.0+BUILD.
const MAX_SAFE_BUILD_LENGTH = MAX_LENGTH - 6

// ECMAScript whitespace and line terminators matched by \s.
const WHITESPACE_CHARACTERS = [
  '\t',
  '\n',
  '\v',
  '\f',
  '\r',
  ' ',
  '\u00a0',
  '\u1680',
  '\u2000',
  '\u2001',
  '\u2002',
  '\u2003',
  '\u2004',
  '\u2005',
  '\u2006',
  '\u2007',
  '\u2008',
  '\u2009',
  '\u200a',
  '\u2028',
  '\u2029',
  '\u202f',
  '\u205f',
  '\u3000',
  '\ufeff',
]

const RELEASE_TYPES = [
  'major',
  'premajor',
  'minor',
  'preminor',
  'patch',
  'prepatch',
  'prerelease',
]

module.exports = {
  MAX_LENGTH,
  MAX_SAFE_COMPONENT_LENGTH,
  MAX_SAFE_BUILD_LENGTH,
  MAX_SAFE_INTEGER,
  WHITESPACE_CHARACTERS,
  RELEASE_TYPES,
  SEMVER_SPEC_VERSION,
  FLAG_INCLUDE_PRERELEASE: 0b001,
  FLAG_LOOSE: 0b010,
}


/***/ }),

/***/ 1159:
/***/ ((module) => {



const debug = (
  typeof process === 'object' &&
  process.env &&
  process.env.NODE_DEBUG &&
  /\bsemver\b/i.test(process.env.NODE_DEBUG)
) ? (...args) => console.error('SEMVER', ...args)
  : () => {}

module.exports = debug


/***/ }),

/***/ 3348:
/***/ ((module) => {



const numeric = /^[0-9]+$/
const compareIdentifiers = (a, b) => {
  if (typeof a === 'number' && typeof b === 'number') {
    return a === b ? 0 : a < b ? -1 : 1
  }

  const anum = numeric.test(a)
  const bnum = numeric.test(b)

  if (anum && bnum) {
    a = +a
    b = +b
  }

  return a === b ? 0
    : (anum && !bnum) ? -1
    : (bnum && !anum) ? 1
    : a < b ? -1
    : 1
}

const rcompareIdentifiers = (a, b) => compareIdentifiers(b, a)

module.exports = {
  compareIdentifiers,
  rcompareIdentifiers,
}


/***/ }),

/***/ 356:
/***/ ((module) => {



// parse out just the options we care about
const looseOption = Object.freeze({ loose: true })
const emptyOpts = Object.freeze({ })
const parseOptions = options => {
  if (!options) {
    return emptyOpts
  }

  if (typeof options !== 'object') {
    return looseOption
  }

  return options
}
module.exports = parseOptions


/***/ }),

/***/ 5471:
/***/ ((module, exports, __nccwpck_require__) => {



const {
  MAX_SAFE_COMPONENT_LENGTH,
  MAX_SAFE_BUILD_LENGTH,
  MAX_LENGTH,
} = __nccwpck_require__(5101)
const debug = __nccwpck_require__(1159)
exports = module.exports = {}

// The actual regexps go on exports.re
const re = exports.re = []
const safeRe = exports.safeRe = []
const src = exports.src = []
const safeSrc = exports.safeSrc = []
const t = exports.t = {}
let R = 0

const LETTERDASHNUMBER = '[a-zA-Z0-9-]'

// Replace some greedy regex tokens to prevent regex dos issues. These regex are
// used internally via the safeRe object since all inputs in this library get
// normalized first to trim and collapse all extra whitespace. The original
// regexes are exported for userland consumption and lower level usage. A
// future breaking change could export the safer regex only with a note that
// all input should have extra whitespace removed.
const safeRegexReplacements = [
  ['\\s', 1],
  ['\\d', MAX_LENGTH],
  [LETTERDASHNUMBER, MAX_SAFE_BUILD_LENGTH],
]

const makeSafeRegex = (value) => {
  for (const [token, max] of safeRegexReplacements) {
    value = value
      .split(`${token}*`).join(`${token}{0,${max}}`)
      .split(`${token}+`).join(`${token}{1,${max}}`)
  }
  return value
}

const createToken = (name, value, isGlobal) => {
  const safe = makeSafeRegex(value)
  const index = R++
  debug(name, index, value)
  t[name] = index
  src[index] = value
  safeSrc[index] = safe
  re[index] = new RegExp(value, isGlobal ? 'g' : undefined)
  safeRe[index] = new RegExp(safe, isGlobal ? 'g' : undefined)
}

// The following Regular Expressions can be used for tokenizing,
// validating, and parsing SemVer version strings.

// ## Numeric Identifier
// A single `0`, or a non-zero digit followed by zero or more digits.

createToken('NUMERICIDENTIFIER', '0|[1-9]\\d*')
createToken('NUMERICIDENTIFIERLOOSE', '\\d+')

// ## Non-numeric Identifier
// Zero or more digits, followed by a letter or hyphen, and then zero or
// more letters, digits, or hyphens.

createToken('NONNUMERICIDENTIFIER', `\\d*[a-zA-Z-]${LETTERDASHNUMBER}*`)

// ## Main Version
// Three dot-separated numeric identifiers.

createToken('MAINVERSION', `(${src[t.NUMERICIDENTIFIER]})\\.` +
                   `(${src[t.NUMERICIDENTIFIER]})\\.` +
                   `(${src[t.NUMERICIDENTIFIER]})`)

createToken('MAINVERSIONLOOSE', `(${src[t.NUMERICIDENTIFIERLOOSE]})\\.` +
                        `(${src[t.NUMERICIDENTIFIERLOOSE]})\\.` +
                        `(${src[t.NUMERICIDENTIFIERLOOSE]})`)

// ## Pre-release Version Identifier
// A numeric identifier, or a non-numeric identifier.
// Non-numeric identifiers include numeric identifiers but can be longer.
// Therefore non-numeric identifiers must go first.

createToken('PRERELEASEIDENTIFIER', `(?:${src[t.NONNUMERICIDENTIFIER]
}|${src[t.NUMERICIDENTIFIER]})`)

createToken('PRERELEASEIDENTIFIERLOOSE', `(?:${src[t.NONNUMERICIDENTIFIER]
}|${src[t.NUMERICIDENTIFIERLOOSE]})`)

// ## Pre-release Version
// Hyphen, followed by one or more dot-separated pre-release version
// identifiers.

createToken('PRERELEASE', `(?:-(${src[t.PRERELEASEIDENTIFIER]
}(?:\\.${src[t.PRERELEASEIDENTIFIER]})*))`)

createToken('PRERELEASELOOSE', `(?:-?(${src[t.PRERELEASEIDENTIFIERLOOSE]
}(?:\\.${src[t.PRERELEASEIDENTIFIERLOOSE]})*))`)

// ## Build Metadata Identifier
// Any combination of digits, letters, or hyphens.

createToken('BUILDIDENTIFIER', `${LETTERDASHNUMBER}+`)

// ## Build Metadata
// Plus sign, followed by one or more period-separated build metadata
// identifiers.

createToken('BUILD', `(?:\\+(${src[t.BUILDIDENTIFIER]
}(?:\\.${src[t.BUILDIDENTIFIER]})*))`)

// ## Full Version String
// A main version, followed optionally by a pre-release version and
// build metadata.

// Note that the only major, minor, patch, and pre-release sections of
// the version string are capturing groups.  The build metadata is not a
// capturing group, because it should not ever be used in version
// comparison.

createToken('FULLPLAIN', `v?${src[t.MAINVERSION]
}${src[t.PRERELEASE]}?${
  src[t.BUILD]}?`)

createToken('FULL', `^${src[t.FULLPLAIN]}$`)

// like full, but allows v1.2.3 and =1.2.3, which people do sometimes.
// also, 1.0.0alpha1 (prerelease without the hyphen) which is pretty
// common in the npm registry.
createToken('LOOSEPLAIN', `[v=\\s]*${src[t.MAINVERSIONLOOSE]
}${src[t.PRERELEASELOOSE]}?${
  src[t.BUILD]}?`)

createToken('LOOSE', `^${src[t.LOOSEPLAIN]}$`)

createToken('GTLT', '((?:<|>)?=?)')

// Something like "2.*" or "1.2.x".
// Note that "x.x" is a valid xRange identifier, meaning "any version"
// Only the first item is strictly required.
createToken('XRANGEIDENTIFIERLOOSE', `${src[t.NUMERICIDENTIFIERLOOSE]}|x|X|\\*`)
createToken('XRANGEIDENTIFIER', `${src[t.NUMERICIDENTIFIER]}|x|X|\\*`)

createToken('XRANGEPLAIN', `[v=\\s]*(${src[t.XRANGEIDENTIFIER]})` +
                   `(?:\\.(${src[t.XRANGEIDENTIFIER]})` +
                   `(?:\\.(${src[t.XRANGEIDENTIFIER]})` +
                   `(?:${src[t.PRERELEASE]})?${
                     src[t.BUILD]}?` +
                   `)?)?`)

createToken('XRANGEPLAINLOOSE', `[v=\\s]*(${src[t.XRANGEIDENTIFIERLOOSE]})` +
                        `(?:\\.(${src[t.XRANGEIDENTIFIERLOOSE]})` +
                        `(?:\\.(${src[t.XRANGEIDENTIFIERLOOSE]})` +
                        `(?:${src[t.PRERELEASELOOSE]})?${
                          src[t.BUILD]}?` +
                        `)?)?`)

createToken('XRANGE', `^${src[t.GTLT]}\\s*${src[t.XRANGEPLAIN]}$`)
createToken('XRANGELOOSE', `^${src[t.GTLT]}\\s*${src[t.XRANGEPLAINLOOSE]}$`)

// Coercion.
// Extract anything that could conceivably be a part of a valid semver
createToken('COERCEPLAIN', `${'(^|[^\\d])' +
              '(\\d{1,'}${MAX_SAFE_COMPONENT_LENGTH}})` +
              `(?:\\.(\\d{1,${MAX_SAFE_COMPONENT_LENGTH}}))?` +
              `(?:\\.(\\d{1,${MAX_SAFE_COMPONENT_LENGTH}}))?`)
createToken('COERCE', `${src[t.COERCEPLAIN]}(?:$|[^\\d])`)
createToken('COERCEFULL', src[t.COERCEPLAIN] +
              `(?:${src[t.PRERELEASE]})?` +
              `(?:${src[t.BUILD]})?` +
              `(?:$|[^\\d])`)
createToken('COERCERTL', src[t.COERCE], true)
createToken('COERCERTLFULL', src[t.COERCEFULL], true)

// Tilde ranges.
// Meaning is "reasonably at or greater than"
createToken('LONETILDE', '(?:~>?)')

createToken('TILDETRIM', `(\\s*)${src[t.LONETILDE]}\\s+`, true)
exports.tildeTrimReplace = '$1~'

createToken('TILDE', `^${src[t.LONETILDE]}${src[t.XRANGEPLAIN]}$`)
createToken('TILDELOOSE', `^${src[t.LONETILDE]}${src[t.XRANGEPLAINLOOSE]}$`)

// Caret ranges.
// Meaning is "at least and backwards compatible with"
createToken('LONECARET', '(?:\\^)')

createToken('CARETTRIM', `(\\s*)${src[t.LONECARET]}\\s+`, true)
exports.caretTrimReplace = '$1^'

createToken('CARET', `^${src[t.LONECARET]}${src[t.XRANGEPLAIN]}$`)
createToken('CARETLOOSE', `^${src[t.LONECARET]}${src[t.XRANGEPLAINLOOSE]}$`)

// A simple gt/lt/eq thing, or just "" to indicate "any version"
createToken('COMPARATORLOOSE', `^${src[t.GTLT]}\\s*(${src[t.LOOSEPLAIN]})$|^$`)
createToken('COMPARATOR', `^${src[t.GTLT]}\\s*(${src[t.FULLPLAIN]})$|^$`)

// An expression to strip any whitespace between the gtlt and the thing
// it modifies, so that `> 1.2.3` ==> `>1.2.3`
createToken('COMPARATORTRIM', `(\\s*)${src[t.GTLT]
}\\s*(${src[t.LOOSEPLAIN]}|${src[t.XRANGEPLAIN]})`, true)
exports.comparatorTrimReplace = '$1$2$3'

// Something like `1.2.3 - 1.2.4`
// Note that these all use the loose form, because they'll be
// checked against either the strict or loose comparator form
// later.
createToken('HYPHENRANGE', `^\\s*(${src[t.XRANGEPLAIN]})` +
                   `\\s+-\\s+` +
                   `(${src[t.XRANGEPLAIN]})` +
                   `\\s*$`)

createToken('HYPHENRANGELOOSE', `^\\s*(${src[t.XRANGEPLAINLOOSE]})` +
                        `\\s+-\\s+` +
                        `(${src[t.XRANGEPLAINLOOSE]})` +
                        `\\s*$`)

// Star ranges basically just allow anything at all.
createToken('STAR', '(<|>)?=?\\s*\\*')
// >=0.0.0 is like a star
createToken('GTE0', '^\\s*>=\\s*0\\.0\\.0\\s*$')
createToken('GTE0PRE', '^\\s*>=\\s*0\\.0\\.0-0\\s*$')


/***/ }),

/***/ 3916:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   e: () => (/* binding */ UsageError)
/* harmony export */ });
/**
 * An error a user can fix: `where` names the input or part of the event that is wrong, the
 * message says what was found and what is expected. Anything else thrown is a bug.
 */
class UsageError extends Error {
    where;
    constructor(where, message) {
        super(`${where}: ${message}`);
        this.where = where;
        this.name = 'UsageError';
    }
}


/***/ }),

/***/ 151:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ readCommitTime),
/* harmony export */   o: () => (/* binding */ readTagFiles)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);


/*
 * Reading git's own files for the two facts a plan needs (tag names, a commit's time) instead of
 * starting git: a process start costs more than the whole plan (bench/dry-run.mjs). Every reader
 * returns undefined for a layout it does not know, and the caller asks git itself.
 */
/** The directory holding objects and refs, following a `.git` file and `commondir`. */
function commonGitDir(cwd) {
    const dotGit = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(cwd, '.git');
    let gitDir;
    try {
        if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(dotGit).isDirectory())
            gitDir = dotGit;
        else {
            const m = /^gitdir: (.+)$/m.exec((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(dotGit, 'utf8'));
            if (!m)
                return undefined;
            gitDir = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(cwd, m[1].trim());
        }
        const common = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(gitDir, 'commondir');
        if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(common)) {
            const c = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(common, 'utf8').trim();
            gitDir = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(c) ? c : (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(gitDir, c);
        }
    }
    catch {
        return undefined;
    }
    return gitDir;
}
/** Tag names from `packed-refs` and `refs/tags/`, which is what `git tag` reads too. */
function readTagFiles(cwd) {
    const gitDir = commonGitDir(cwd);
    // The reftable format keeps refs in binary tables; leave those to git itself.
    if (gitDir === undefined || (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(gitDir, 'reftable')))
        return undefined;
    const names = new Set();
    try {
        const packed = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(gitDir, 'packed-refs');
        if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(packed)) {
            for (const line of (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(packed, 'utf8').split('\n')) {
                const m = /^[0-9a-f]{40,64} refs\/tags\/(.+)$/.exec(line);
                if (m)
                    names.add(m[1]);
            }
        }
        const walk = (dir, prefix) => {
            for (const entry of (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync)(dir, { withFileTypes: true })) {
                if (entry.isDirectory())
                    walk((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, entry.name), `${prefix}${entry.name}/`);
                else if (entry.isFile() && !entry.name.endsWith('.lock'))
                    names.add(`${prefix}${entry.name}`);
            }
        };
        const loose = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(gitDir, 'refs', 'tags');
        if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(loose))
            walk(loose, '');
    }
    catch {
        return undefined;
    }
    return [...names].sort();
}
/** zlib, loaded when an object is first read: most plans never need it. */
function inflate(data) {
    return process.getBuiltinModule('node:zlib').inflateSync(data);
}
/** `committer Name <mail> 1700000000 +0100` → the instant in ISO 8601 (UTC). */
function committerTime(commit) {
    const m = /^committer .* (\d+) [+-]\d{4}$/m.exec(commit);
    return m ? new Date(Number(m[1]) * 1000).toISOString() : undefined;
}
/** A loose object: zlib of `commit <size>\0<body>`. */
function looseCommit(gitDir, sha) {
    const file = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(gitDir, 'objects', sha.slice(0, 2), sha.slice(2));
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(file))
        return undefined;
    const raw = inflate((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(file)).toString('utf8');
    return raw.startsWith('commit ') ? raw.slice(raw.indexOf('\0') + 1) : undefined;
}
/**
 * Where `sha` is in the pack whose index is `idx` (pack index version 2: a fan-out table, the
 * sorted names, CRCs, 31-bit offsets, then 64-bit offsets for the large ones).
 */
function packOffset(idx, sha) {
    if (idx.readUInt32BE(0) !== 0xff744f63 || idx.readUInt32BE(4) !== 2)
        return undefined;
    const fanout = (i) => (i < 0 ? 0 : idx.readUInt32BE(8 + i * 4));
    const count = fanout(255);
    const names = 8 + 256 * 4;
    const first = sha[0];
    let lo = fanout(first - 1);
    let hi = fanout(first);
    while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const cmp = idx.compare(sha, 0, 20, names + mid * 20, names + mid * 20 + 20) * -1;
        if (cmp === 0) {
            const offsets = names + count * 24;
            const small = idx.readUInt32BE(offsets + mid * 4);
            if ((small & 0x80000000) === 0)
                return small;
            const large = offsets + count * 4 + (small & 0x7fffffff) * 8;
            return Number(idx.readBigUInt64BE(large));
        }
        if (cmp < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return undefined;
}
/**
 * A commit stored whole in a pack. A deltified one (rare for commits) is left to git, which
 * knows how to rebuild it.
 */
function packedCommit(gitDir, sha) {
    const packDir = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(gitDir, 'objects', 'pack');
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(packDir))
        return undefined;
    const name = Buffer.from(sha, 'hex');
    for (const file of (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync)(packDir)) {
        if (!file.endsWith('.idx'))
            continue;
        const offset = packOffset((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(packDir, file)), name);
        if (offset === undefined)
            continue;
        const fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(packDir, file.replace(/\.idx$/, '.pack')), 'r');
        try {
            const head = Buffer.alloc(16);
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readSync)(fd, head, 0, head.length, offset);
            let byte = head[0];
            const type = (byte >> 4) & 7;
            let size = byte & 15;
            let i = 1;
            for (let shift = 4; byte & 0x80; shift += 7, i++) {
                byte = head[i];
                size += (byte & 0x7f) * 2 ** shift;
            }
            if (type !== 1)
                return undefined;
            // Deflate never grows data by more than a few bytes per 16 KiB block, plus its header.
            const data = Buffer.alloc(size + 64 + Math.ceil(size / 1000));
            const got = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readSync)(fd, data, 0, data.length, offset + i);
            return inflate(data.subarray(0, got)).subarray(0, size).toString('utf8');
        }
        finally {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync)(fd);
        }
    }
    return undefined;
}
/** The committer time of the commit `sha` (full, SHA-1), from the object files. */
function readCommitTime(cwd, sha) {
    if (!/^[0-9a-f]{40}$/.test(sha))
        return undefined;
    const gitDir = commonGitDir(cwd);
    if (gitDir === undefined)
        return undefined;
    try {
        const commit = looseCommit(gitDir, sha) ?? packedCommit(gitDir, sha);
        return commit === undefined ? undefined : committerTime(commit);
    }
    catch {
        return undefined;
    }
}


/***/ }),

/***/ 528:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   s: () => (/* binding */ localGit)
/* harmony export */ });
/* harmony import */ var _files_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(151);

/** Runs git with an argument array (never a shell); undefined when git fails or is missing. */
async function git(cwd, args) {
    // Loaded on first use: node:child_process pulls in net and stream, a few ms of every start.
    const { execFile } = await Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 1421, 23));
    return new Promise((resolve) => {
        execFile('git', args, { cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } }, (error, stdout) => resolve(error ? undefined : stdout));
    });
}
const nonEmptyLines = (out) => (out ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
function localGit(cwd) {
    return {
        tags: async () => (0,_files_js__WEBPACK_IMPORTED_MODULE_0__/* .readTagFiles */ .o)(cwd) ?? nonEmptyLines(await git(cwd, ['tag', '--list'])),
        async commitTime(rev) {
            const direct = (0,_files_js__WEBPACK_IMPORTED_MODULE_0__/* .readCommitTime */ .d)(cwd, rev);
            if (direct !== undefined)
                return direct;
            // `--end-of-options` keeps a rev that starts with '-' from being read as an option.
            const out = await git(cwd, [
                'show',
                '-s',
                '--format=%cI',
                '--end-of-options',
                `${rev}^{commit}`,
                '--',
            ]);
            return nonEmptyLines(out)[0];
        },
        async resolve(rev) {
            const out = await git(cwd, [
                'rev-parse',
                '--verify',
                '--quiet',
                '--end-of-options',
                `${rev}^{commit}`,
            ]);
            return nonEmptyLines(out)[0];
        },
        tagsAt: async (rev) => nonEmptyLines(await git(cwd, ['tag', '--points-at', rev])),
        async branch() {
            const out = nonEmptyLines(await git(cwd, ['symbolic-ref', '--quiet', '--short', 'HEAD']))[0];
            return out;
        },
        async remoteUrl(remote) {
            return nonEmptyLines(await git(cwd, ['remote', 'get-url', '--', remote]))[0];
        },
    };
}


/***/ }),

/***/ 9407:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _git_history_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(528);
/* harmony import */ var _main_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(2632);
/* harmony import */ var _runner_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(4813);



const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
process.exitCode = await (0,_main_js__WEBPACK_IMPORTED_MODULE_1__/* .run */ .e)({
    runner: (0,_runner_js__WEBPACK_IMPORTED_MODULE_2__/* .processRunner */ .qc)(),
    env: process.env,
    git: (0,_git_history_js__WEBPACK_IMPORTED_MODULE_0__/* .localGit */ .s)(workspace),
    now: () => new Date(),
    cwd: workspace,
});

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 2632:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  e: () => (/* binding */ run)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __nccwpck_require__(3916);
;// CONCATENATED MODULE: ./src/event.ts

const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v) => (typeof v === 'string' && v !== '' ? v : undefined);
const obj = (v) => (isObject(v) ? v : {});
const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
function missing(what, fix) {
    return new errors/* UsageError */.e('event payload', `${what}. ${fix}`);
}
/**
 * Reads the runner's environment and the webhook payload. Pure: the caller reads
 * `GITHUB_EVENT_PATH`, so tests feed recorded payloads straight in.
 */
function parseEvent(env, payload) {
    const name = str(env.GITHUB_EVENT_NAME);
    if (!name) {
        throw new errors/* UsageError */.e('GITHUB_EVENT_NAME', 'is not set; run inside GitHub Actions or set it to the event to plan for');
    }
    const p = obj(payload);
    const repo = obj(p.repository);
    const [envOwner, envName] = (str(env.GITHUB_REPOSITORY) ?? '').split('/');
    const owner = str(obj(repo.owner).login) ?? str(envOwner);
    const repoName = str(repo.name) ?? str(envName);
    if (!owner || !repoName) {
        throw missing('has no `repository` (owner and name), and GITHUB_REPOSITORY is not set', 'Pass the webhook payload GitHub sends (GITHUB_EVENT_PATH) or set GITHUB_REPOSITORY=owner/name');
    }
    const server = (str(env.GITHUB_SERVER_URL) ?? 'https://github.com').replace(/\/+$/, '');
    const spdx = str(obj(repo.license).spdx_id);
    const description = str(repo.description);
    const repository = {
        owner,
        name: repoName,
        htmlUrl: str(repo.html_url) ?? `${server}/${owner}/${repoName}`,
        ...(description !== undefined && { description }),
        ...(spdx !== undefined && spdx !== 'NOASSERTION' && { license: spdx }),
    };
    let ref = str(env.GITHUB_REF) ?? str(p.ref) ?? '';
    let sha = str(env.GITHUB_SHA) ?? str(p.after) ?? str(obj(p.head_commit).id);
    let commitTime;
    let pullRequest;
    let releaseTag;
    let releasePrerelease;
    let dispatchVersion;
    switch (name) {
        case 'push': {
            // On a deletion the runner's GITHUB_SHA is some other commit; only the payload tells.
            if (p.deleted === true || (typeof p.after === 'string' && /^0+$/.test(p.after))) {
                throw missing(`the push deleted ${ref || 'its ref'}, so there is nothing to build`, 'Skip such runs with `if: github.event.deleted != true` on the step');
            }
            commitTime = str(obj(p.head_commit).timestamp);
            if (!ref)
                throw missing('a push event has no `ref`', 'Set GITHUB_REF or pass the push payload');
            break;
        }
        case 'pull_request':
        case 'pull_request_target': {
            const pr = obj(p.pull_request);
            const number = typeof p.number === 'number' ? p.number : pr.number;
            const head = str(obj(pr.head).sha);
            // A number that is no positive integer would make a tag like `pr-1e+21`.
            if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 1 || !head) {
                throw missing(`a ${name} event has no \`pull_request.number\` (a positive integer) and \`pull_request.head.sha\``, 'Pass the pull_request payload GitHub sends');
            }
            pullRequest = number;
            // The runner's GITHUB_SHA is the merge commit GitHub made; the image is named after the
            // commit the author pushed, which is the PR head.
            sha = head;
            if (!ref)
                ref = `refs/pull/${number}/merge`;
            break;
        }
        case 'release': {
            const tag = str(obj(p.release).tag_name);
            if (!tag)
                throw missing('a release event has no `release.tag_name`', 'Pass the release payload GitHub sends');
            releaseTag = tag;
            releasePrerelease = obj(p.release).prerelease === true;
            if (!ref)
                ref = `refs/tags/${tag}`;
            break;
        }
        case 'workflow_dispatch': {
            const inputs = obj(p.inputs);
            const v = inputs.version;
            dispatchVersion = typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
            break;
        }
        default:
            break;
    }
    if (!sha || !SHA.test(sha) || /^0+$/.test(sha)) {
        throw missing(`no commit sha found (GITHUB_SHA is ${sha === undefined ? 'not set' : `'${sha}'`})`, 'Set GITHUB_SHA to the full 40-character commit sha');
    }
    return {
        name,
        ref,
        sha,
        repository,
        ...(commitTime !== undefined && { commitTime }),
        ...(pullRequest !== undefined && { pullRequest }),
        ...(releaseTag !== undefined && { releaseTag }),
        ...(releasePrerelease !== undefined && { releasePrerelease }),
        ...(dispatchVersion !== undefined && { dispatchVersion }),
    };
}

;// CONCATENATED MODULE: ./src/plan/build-args.ts
/**
 * The build arguments every image gets. BUILD_TIME and SOURCE_DATE_EPOCH are the commit time,
 * not the wall clock, so that two builds of one commit produce the same image.
 */
function buildArgs(version, sha, created, user) {
    const epoch = Math.floor(Date.parse(created) / 1000);
    const out = new Map([
        ['VERSION', version],
        ['GIT_COMMIT', sha],
        ['BUILD_TIME', created],
        ['SOURCE_DATE_EPOCH', String(epoch)],
    ]);
    // Overrides keep the base order for the standard keys and append new keys in the user's order.
    for (const { key, value } of user)
        out.set(key, value);
    return [...out].map(([key, value]) => ({ key, value }));
}

// EXTERNAL MODULE: ./src/plan/labels.ts
var labels = __nccwpck_require__(3848);
// EXTERNAL MODULE: ./src/plan/reference.ts
var reference = __nccwpck_require__(478);
// EXTERNAL MODULE: ./src/plan/tags.ts
var plan_tags = __nccwpck_require__(9458);
// EXTERNAL MODULE: ./src/plan/version.ts
var plan_version = __nccwpck_require__(5671);
;// CONCATENATED MODULE: ./src/plan/plan.ts






function readRequested(raw, where, tagPrefix, warnings) {
    const version = (tagPrefix !== undefined && (0,plan_version/* parseVersion */.ot)(raw, tagPrefix)) || (0,plan_version/* parseVersion */.ot)(raw);
    if (version)
        return { kind: 'semver', version };
    if (!(0,reference/* isValidTag */.r_)(raw)) {
        throw new errors/* UsageError */.e(where, `'${raw}' is neither a version (${plan_version/* VERSION_FORMS */.Zl}) nor a valid tag (${reference/* TAG_GRAMMAR */.z1}); a tag may hold only letters, digits, '_', '.', '-', and not start with '.' or '-'`);
    }
    // `v1.2` or `2` is published as itself, but the user probably meant a version: say so.
    if (/^[vV]?\.?[0-9]+(\.[0-9]+)?$/.test(raw)) {
        warnings.push(`${where}: '${raw}' is not a full version (${plan_version/* VERSION_FORMS */.Zl}), so it is published as the tag '${raw}' alone, with no version tags.`);
    }
    return { kind: 'custom', name: raw };
}
/**
 * Where the version comes from, first match wins: the `version` input, the dispatch's own
 * `version` input, the release's tag, the pushed tag.
 */
function chooseVersion(options, event, warnings) {
    const typed = options.version !== undefined
        ? { raw: options.version, where: 'version', source: 'input' }
        : event.dispatchVersion !== undefined
            ? {
                raw: event.dispatchVersion,
                where: "workflow_dispatch input 'version'",
                source: 'dispatch',
            }
            : undefined;
    if (typed) {
        return {
            requested: readRequested(typed.raw, typed.where, options.tagPrefix, warnings),
            versionSource: typed.source,
            versionWhere: typed.where,
            refTag: undefined,
        };
    }
    const tagRef = event.ref.startsWith('refs/tags/')
        ? event.ref.slice('refs/tags/'.length)
        : undefined;
    const tag = event.releaseTag ?? tagRef;
    const none = {
        requested: undefined,
        versionSource: 'none',
        versionWhere: 'event payload',
    };
    if (tag === undefined)
        return { ...none, refTag: undefined };
    const version = (0,plan_version/* parseVersion */.ot)(tag, options.tagPrefix);
    if (version) {
        return {
            requested: { kind: 'semver', version },
            versionSource: event.releaseTag !== undefined ? 'release' : 'tag',
            versionWhere: 'event payload',
            refTag: undefined,
        };
    }
    const refTag = (0,reference/* sanitizeTag */.iP)(tag) || undefined;
    const forms = options.tagPrefix !== undefined ? `'${options.tagPrefix}' followed by X.Y.Z` : plan_version/* VERSION_FORMS */.Zl;
    const outcome = refTag !== undefined
        ? `it is published as '${refTag}'`
        : 'it has no character a tag can hold and is built like a branch';
    warnings.push(`The tag '${tag}' is not a version, so ${outcome}, with no version tags. Versions are tags of the form ${forms}.`);
    return { ...none, refTag };
}
function isoSeconds(ms) {
    return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
/** Normalises an ISO time to UTC with whole seconds, or undefined if it does not parse. */
function utcSeconds(time) {
    const ms = time === undefined ? NaN : Date.parse(time);
    return Number.isNaN(ms) ? undefined : isoSeconds(ms);
}
function defaultImage(event) {
    return `ghcr.io/${event.repository.owner}/${event.repository.name}`.toLowerCase();
}
/**
 * The whole release plan: version, tags, labels, annotations and build args. Pure: the clock,
 * the event and the published tags are arguments, so the same facts always give the same plan.
 */
function planRelease(options, facts) {
    const { event } = facts;
    const warnings = [];
    const notes = [];
    const notices = [];
    const sha7 = event.sha.slice(0, 7);
    const { requested, versionSource, versionWhere, refTag } = chooseVersion(options, event, warnings);
    const tags = [];
    let version;
    let prerelease = false;
    let latest = false;
    let semver;
    if (requested?.kind === 'semver') {
        // A release marked as a pre-release on GitHub is one even with a stable tag: it must not
        // move 1.2, 1 or latest.
        const markedPre = versionSource === 'release' && event.releasePrerelease === true;
        const v = markedPre ? { ...requested.version, prerelease: true } : requested.version;
        if (markedPre && !requested.version.prerelease) {
            notes.push('the GitHub release is marked as a pre-release: exact tag only');
        }
        prerelease = v.prerelease;
        semver = v;
        version = (0,plan_version/* versionTag */.Vm)(v);
        // Semver allows 256 characters, a tag 128; a longer version cannot be published.
        if (!(0,reference/* isValidTag */.r_)(version)) {
            throw new errors/* UsageError */.e(versionWhere, `the version '${v.source}' gives the tag '${version}' of ${version.length} characters; a tag holds at most 128 (${reference/* TAG_GRAMMAR */.z1})`);
        }
        const published = facts.publishedTags
            .map((t) => (0,plan_version/* parseVersion */.ot)(t, options.tagPrefix)?.semver)
            .filter((s) => s !== undefined);
        const floating = (0,plan_tags/* decideFloating */.js)(v, published);
        if (published.length === 0)
            notes.push('no published versions found: this version is taken as the newest');
        notes.push(...floating.reasons);
        // A checkout made with the default fetch-depth has no tags but the one pushed: floating tags
        // judged on that alone could move backwards, so say how to give the planner the full list.
        if (!v.prerelease && published.every((p) => p.compare(v.semver) === 0)) {
            notices.push(`No version tags besides ${v.source} were found, so ${version} is taken as the newest version. If other versions exist, check out with fetch-depth: 0 (or fetch-tags: true) so that ${v.semver.major}.${v.semver.minor}, ${v.semver.major} and latest are judged against them.`);
        }
        tags.push(...(0,plan_tags/* versionTags */.OP)(v, floating));
        latest = floating.latest;
    }
    else if (requested?.kind === 'custom') {
        version = requested.name;
        tags.push({ name: requested.name, kind: 'version' });
    }
    else if (refTag !== undefined) {
        version = refTag;
        tags.push({ name: refTag, kind: 'ref' });
    }
    else if (event.pullRequest !== undefined) {
        version = `pr-${event.pullRequest}`;
        tags.push({ name: version, kind: 'pr' });
    }
    else {
        version = `${options.stage ?? 'dev'}-${sha7}`;
        tags.push({ name: version, kind: 'stage' });
    }
    if (options.stage !== undefined)
        tags.push({ name: `${options.stage}-${sha7}`, kind: 'stage' });
    for (const extra of options.extraTags)
        tags.push({ name: extra, kind: 'extra' });
    if (options.latest === 'true') {
        if (prerelease)
            warnings.push(`latest: true is ignored for the prerelease ${version}; prereleases never get 'latest'.`);
        else
            latest = true;
    }
    else if (options.latest === 'false') {
        latest = false;
    }
    if (latest)
        tags.push({ name: 'latest', kind: 'latest' });
    const ordered = (0,plan_tags/* orderTags */.M8)(tags);
    const images = options.images.length > 0 ? [...options.images] : [defaultImage(event)];
    const imageProblem = options.images.length > 0 ? undefined : (0,reference/* imageNameProblem */.iS)(images[0] ?? '');
    if (imageProblem !== undefined) {
        throw new errors/* UsageError */.e('images', `the default image '${images[0] ?? ''}' made from the repository name is not valid (${imageProblem}); set images explicitly, e.g. ghcr.io/acme/app`);
    }
    const payloadTime = utcSeconds(event.commitTime);
    const gitTime = utcSeconds(facts.gitCommitTime);
    const created = payloadTime ?? gitTime ?? isoSeconds(facts.now.getTime());
    const createdFrom = payloadTime ? 'payload' : gitTime ? 'git' : 'clock';
    if (createdFrom === 'clock') {
        warnings.push('The commit time is neither in the event payload nor in local git, so `created` is the current time and the image is not reproducible.');
    }
    const base = (0,labels/* ociLabels */.TT)(event, version, created);
    return {
        version,
        versionSource,
        ...(semver !== undefined && { semver }),
        prerelease,
        images,
        tags: ordered,
        refs: images.flatMap((image) => ordered.map((t) => `${image}:${t.name}`)),
        labels: (0,labels/* mergeKeyValues */.ee)(base, options.labels),
        annotations: (0,labels/* annotationLines */.bK)(base, options.annotations, options.platforms.length > 1),
        buildArgs: buildArgs(version, event.sha, created, options.buildArgs),
        platforms: [...options.platforms],
        created,
        createdFrom,
        sha: event.sha,
        warnings,
        notes,
        notices,
    };
}

// EXTERNAL MODULE: ./src/plan/release-mode.ts
var release_mode = __nccwpck_require__(952);
;// CONCATENATED MODULE: ./src/report/outputs.ts
/** The refs and tag names to report: what was pushed, or what was planned when nothing was. */
function reportedTags(plan, outcome) {
    if (!outcome?.pushed)
        return { refs: [...plan.refs], names: plan.tags.map((t) => t.name) };
    const refs = outcome.images.flatMap((i) => i.tags.map((t) => `${i.image}:${t}`));
    const names = [...new Set(outcome.images.flatMap((i) => i.tags))];
    return { refs, names };
}
/** The platforms of what was pushed (a promoted image may have others than the input), else the plan's. */
function platforms(plan, outcome) {
    const pushed = outcome?.pushed ? outcome.images[0]?.platforms : undefined;
    return pushed !== undefined && pushed.length > 0 ? pushed : plan.platforms;
}
function imageRefs(outcome) {
    return (outcome?.images ?? []).map((i) => `${i.image}@${i.digest}`);
}
/** The JSON output: docker/metadata-action's keys (`tags`, `tag-names`, `labels`, `annotations`) plus ours. */
function planJson(plan, outcome, release) {
    const { refs, names } = reportedTags(plan, outcome);
    return {
        version: plan.version,
        prerelease: plan.prerelease,
        tags: refs,
        'tag-names': names,
        labels: Object.fromEntries(plan.labels.map((l) => [l.key, l.value])),
        annotations: plan.annotations,
        'build-args': Object.fromEntries(plan.buildArgs.map((a) => [a.key, a.value])),
        images: plan.images,
        platforms: platforms(plan, outcome),
        created: plan.created,
        revision: plan.sha,
        digest: outcome?.digest ?? '',
        'image-refs': imageRefs(outcome),
        'release-url': release?.url ?? '',
        'release-id': release?.id ?? '',
    };
}
/** Every output, in action.yml's order; values are strings as the runner stores them. */
function planOutputs(plan, outcome, release) {
    const { refs, names } = reportedTags(plan, outcome);
    return [
        ['version', plan.version],
        ['tags', refs.join('\n')],
        ['tag-names', names.join('\n')],
        ['labels', plan.labels.map((l) => `${l.key}=${l.value}`).join('\n')],
        ['annotations', plan.annotations.join('\n')],
        ['build-args', plan.buildArgs.map((a) => `${a.key}=${a.value}`).join('\n')],
        ['prerelease', String(plan.prerelease)],
        ['digest', outcome?.digest ?? ''],
        ['image-refs', imageRefs(outcome).join('\n')],
        ['platforms', platforms(plan, outcome).join(',')],
        ['release-url', release?.url ?? ''],
        ['release-id', release?.id ?? ''],
        ['release-body', release?.body ?? ''],
        ['json', JSON.stringify(planJson(plan, outcome, release))],
    ];
}

;// CONCATENATED MODULE: ./src/report/summary.ts
/** Everything printed into the summary comes from inputs, refs and payloads: escape it all. */
function escapeHtml(text) {
    return text
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&#39;');
}
/** A table cell: HTML-escaped, with `|` and line breaks that would end the cell neutralised. */
function cell(text) {
    return escapeHtml(text).replace(/\|/g, '&#124;').replace(/\r?\n/g, '<br>');
}
function code(text) {
    return `<code>${cell(text)}</code>`;
}
function planSummary(plan, dryRun) {
    const out = [];
    out.push(`### image-release ${dryRun ? 'plan (dry run)' : 'plan'}: ${code(plan.version)}`, '');
    out.push(`Version ${code(plan.version)}${plan.prerelease ? ' (prerelease)' : ''} from commit ${code(plan.sha.slice(0, 7))}, platforms ${plan.platforms.map(code).join(', ')}.`, '');
    out.push('| Image | Tag | Kind |', '| --- | --- | --- |');
    for (const image of plan.images)
        for (const tag of plan.tags)
            out.push(`| ${code(image)} | ${code(tag.name)} | ${tag.kind} |`);
    out.push('', '| Label | Value |', '| --- | --- |');
    for (const l of plan.labels)
        out.push(`| ${code(l.key)} | ${cell(l.value)} |`);
    if (plan.warnings.length > 0) {
        out.push('', '**Warnings**', '');
        for (const w of plan.warnings)
            out.push(`- ${cell(w)}`);
    }
    out.push('');
    return out.join('\n') + '\n';
}
/** The plan as plain text, for the log and the local preview. */
function planText(plan) {
    const section = (title, rows) => rows.length === 0 ? [] : [`${title}:`, ...rows.map((r) => `  ${r}`)];
    return [
        `version:    ${plan.version}${plan.prerelease ? ' (prerelease)' : ''}`,
        `commit:     ${plan.sha}`,
        `created:    ${plan.created} (from ${plan.createdFrom})`,
        `platforms:  ${plan.platforms.join(', ')}`,
        ...section('tags', plan.refs),
        ...section('floating tags', plan.notes),
        ...section('labels', plan.labels.map((l) => `${l.key}=${l.value}`)),
        ...section('annotations', plan.annotations),
        ...section('build-args', plan.buildArgs.map((a) => `${a.key}=${a.value}`)),
    ].join('\n');
}
/** The pushed images: what each got, its digest, and how to pull it by tag and by digest. */
function imagesSummary(plan, outcome) {
    const out = [];
    if (!outcome.pushed) {
        const what = outcome.digest !== undefined ? `Built ${code(outcome.digest)}` : 'Built';
        out.push(`${what} for ${plan.platforms.map(code).join(', ')}; nothing was pushed (push is off for this event).`, '');
        return out.join('\n') + '\n';
    }
    const verb = outcome.promotedFrom !== undefined ? `Promoted from ${code(outcome.promotedFrom)}` : 'Pushed';
    out.push(`#### ${verb}`, '');
    out.push('| Image | Tags | Digest | Platforms |', '| --- | --- | --- | --- |');
    for (const image of outcome.images) {
        out.push(`| ${code(image.image)} | ${image.tags.map(code).join(' ')}${image.reused ? ' (already published: tags completed)' : ''} | ${code(image.digest)} | ${(image.platforms.length > 0 ? image.platforms : plan.platforms).map(code).join(' ')} |`);
    }
    const pulls = outcome.images.flatMap((image) => [
        ...(image.tags[0] !== undefined ? [`docker pull ${image.image}:${image.tags[0]}`] : []),
        `docker pull ${image.image}@${image.digest}`,
    ]);
    out.push('', '<pre>', ...pulls.map(escapeHtml), '</pre>', '');
    return out.join('\n') + '\n';
}
/** A link to the release, or in a dry run a note that its body is in the release-body output. */
function releaseSummary(release) {
    if (release.outcome === 'drafted') {
        return `GitHub release ${code(release.tag)}: drafted from local git (dry run); the notes are in the \`release-body\` output.\n\n`;
    }
    // An https address of the GitHub server; escaped all the same, as everything printed here is.
    return `GitHub release ${code(release.tag)} ${release.outcome}: <a href="${escapeHtml(release.url)}">${escapeHtml(release.url)}</a>\n\n`;
}

;// CONCATENATED MODULE: ./src/plan/platform.ts
/**
 * Platforms as buildx and buildah take them: `os/arch[/variant]`. The lists are those Go (and
 * so the OCI image index) knows; anything else is a typo that would otherwise fail minutes later
 * inside the build.
 */
const OS = new Set([
    'linux',
    'windows',
    'darwin',
    'freebsd',
    'netbsd',
    'openbsd',
    'solaris',
    'illumos',
    'aix',
    'wasip1',
    'js',
]);
const ARCH = new Set([
    '386',
    'amd64',
    'arm',
    'arm64',
    'loong64',
    'mips',
    'mipsle',
    'mips64',
    'mips64le',
    'ppc64',
    'ppc64le',
    'riscv64',
    's390x',
    'wasm',
]);
const VARIANT = /^(v[0-9]+(\.[0-9]+)?)$/;
const PLATFORM_FORM = 'os/arch[/variant], e.g. linux/amd64, linux/arm64, linux/arm/v7';
function platformProblem(platform) {
    const parts = platform.split('/');
    if (parts.length < 2 || parts.length > 3 || parts.includes(''))
        return `'${platform}' is not of the form ${PLATFORM_FORM}`;
    const [os, arch, variant] = parts;
    if (!OS.has(os))
        return `'${platform}': unknown operating system '${os}' (known: ${[...OS].join(', ')})`;
    if (!ARCH.has(arch))
        return `'${platform}': unknown architecture '${arch}' (known: ${[...ARCH].join(', ')})`;
    if (variant !== undefined && !VARIANT.test(variant)) {
        return `'${platform}': the variant '${variant}' is not of the form v<number> (v7, v8, v2)`;
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/settings.ts





const DEFAULT_PLATFORMS = ['linux/amd64', 'linux/arm64'];
/** Lines, without blank ones and `#` comments. */
function lines(value) {
    return value
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== '' && !l.startsWith('#'));
}
/** For values that never hold a comma (names, tags, platforms): newlines and commas separate. */
function list(value) {
    return lines(value)
        .flatMap((l) => l.split(','))
        .map((v) => v.trim())
        .filter((v) => v !== '');
}
function keyValue(input, line, example) {
    const eq = line.indexOf('=');
    const key = eq === -1 ? '' : line.slice(0, eq).trim();
    if (eq === -1 || key === '' || /\s/.test(key)) {
        throw new errors/* UsageError */.e(input, `'${line}' is not of the form KEY=value (one per line, e.g. '${example}'); values may contain '=' and ','`);
    }
    return { key, value: line.slice(eq + 1) };
}
function keyValues(input, value, example) {
    return lines(value).map((line) => keyValue(input, line, example));
}
const LEVEL_PREFIX = new RegExp(`^((?:${labels/* ANNOTATION_LEVELS */.CJ.join('|')})(?:,(?:${labels/* ANNOTATION_LEVELS */.CJ.join('|')}))*):(.*)$`);
function annotations(value) {
    return lines(value).map((line) => {
        const m = LEVEL_PREFIX.exec(line);
        const kv = keyValue('annotations', m ? m[2] : line, 'org.opencontainers.image.description=My app');
        return m ? { ...kv, levels: m[1].split(',') } : kv;
    });
}
function settings_boolean(input, value, fallback) {
    if (value === '')
        return fallback;
    if (['true', 'True', 'TRUE'].includes(value))
        return true;
    if (['false', 'False', 'FALSE'].includes(value))
        return false;
    throw new errors/* UsageError */.e(input, `'${value}' is not a boolean; use true or false`);
}
/** A git tag prefix: characters a git ref may hold, as `git check-ref-format` would accept. */
function tagPrefix(value) {
    if (value === '')
        return undefined;
    if (!/^[A-Za-z0-9][A-Za-z0-9._+/-]*$/.test(value) ||
        value.includes('..') ||
        value.includes('//')) {
        throw new errors/* UsageError */.e('tag-prefix', `'${value}' cannot start a git tag; start with a letter or digit, then use letters, digits, '.', '_', '+', '/', '-', with no '..' or '//' (e.g. 'server-v' for tags like server-v1.2.3)`);
    }
    return value;
}
function stage(value) {
    if (value === '')
        return undefined;
    // `<stage>-<sha7>` must stay within the 128 characters of a tag.
    if (!(0,reference/* isValidTag */.r_)(`${value}-abcdef0`) || value.length > 120) {
        throw new errors/* UsageError */.e('stage', `'${value}' cannot form a tag '<stage>-<sha7>'; use at most 120 letters, digits, '_', '.', '-', not starting with '.' or '-' (e.g. 'rmoa-client')`);
    }
    return value;
}
function latest(value) {
    if (value === '')
        return 'auto';
    const v = value.toLowerCase();
    if (v === 'auto' || v === 'true' || v === 'false')
        return v;
    throw new errors/* UsageError */.e('latest', `'${value}' is not one of auto, true, false`);
}
function settings_images(value) {
    if (value === '')
        return [];
    const names = list(value);
    if (names.length === 0) {
        throw new errors/* UsageError */.e('images', 'the list is empty; give at least one image name (e.g. ghcr.io/acme/app) or leave the input unset for ghcr.io/<owner>/<repo>');
    }
    for (const name of names) {
        const problem = (0,reference/* imageNameProblem */.iS)(name);
        if (problem) {
            throw new errors/* UsageError */.e('images', `'${name}' is not a valid image name: ${problem}. Expected [registry/]path, e.g. ghcr.io/acme/app`);
        }
    }
    return [...new Set(names)];
}
function extraTags(value) {
    const tags = list(value);
    for (const tag of tags) {
        if (!(0,reference/* isValidTag */.r_)(tag)) {
            throw new errors/* UsageError */.e('extra-tags', `'${tag}' is not a valid tag; expected ${reference/* TAG_GRAMMAR */.z1}`);
        }
        // As an extra tag, `latest` would bypass the rules of the `latest` input: it would reach
        // prereleases and move backwards on a release of an older line.
        if (tag === 'latest') {
            throw new errors/* UsageError */.e('extra-tags', "'latest' is decided by the `latest` input (auto, true or false), not by extra-tags; remove it and set latest: true to force it");
        }
    }
    return [...new Set(tags)];
}
function settings_platforms(value) {
    if (value === '')
        return [...DEFAULT_PLATFORMS];
    const entries = list(value);
    if (entries.length === 0)
        throw new errors/* UsageError */.e('platforms', `the list is empty; expected ${PLATFORM_FORM}`);
    for (const entry of entries) {
        const problem = platformProblem(entry);
        if (problem)
            throw new errors/* UsageError */.e('platforms', problem);
    }
    return [...new Set(entries)];
}
function oneOf(input, value, allowed, fallback) {
    if (value === '')
        return fallback;
    const v = value.toLowerCase();
    const found = allowed.find((a) => a === v);
    if (found === undefined) {
        throw new errors/* UsageError */.e(input, `'${value}' is not one of ${allowed.join(', ')}`);
    }
    return found;
}
function optional(value) {
    return value === '' ? undefined : value;
}
function secrets(value, onSecret) {
    // Masked before parsing, so that an error quoting a malformed line prints no secret.
    for (const line of lines(value))
        onSecret(line);
    const read = keyValues('secrets', value, 'NPM_TOKEN=${{ secrets.NPM_TOKEN }}');
    for (const s of read)
        onSecret(s.value);
    for (const s of read) {
        // buildx and buildah take the id into `--secret id=…,src=…`: a comma or `=` would split it.
        if (!/^[A-Za-z0-9_.-]+$/.test(s.key)) {
            throw new errors/* UsageError */.e('secrets', `the secret id '${s.key}' may hold only letters, digits, '_', '.', '-' (it is what RUN --mount=type=secret,id=… names)`);
        }
    }
    return read;
}
const DIGEST = /^sha256:[a-f0-9]{64}$/;
function promoteFrom(value) {
    if (value === '')
        return undefined;
    const v = value.startsWith('@') ? value.slice(1) : value;
    if (DIGEST.test(v) || (0,reference/* isValidTag */.r_)(v))
        return v;
    throw new errors/* UsageError */.e('promote-from', `'${value}' is neither a tag (${reference/* TAG_GRAMMAR */.z1}) nor a digest (sha256: and 64 hex digits) in the first image's repository; e.g. dev-a1b2c3d`);
}
function version(value) {
    // Checked against the tag grammar by the planner, which also knows the tag prefix.
    return value === '' ? undefined : value;
}
/**
 * Reads every input. Throws a UsageError naming the first bad input; `onSecret` is called with
 * the token before anything else can print it.
 */
function readSettings(input, onSecret = () => { }) {
    const githubToken = input('github-token');
    onSecret(githubToken);
    const prefix = tagPrefix(input('tag-prefix'));
    const v = version(input('version'));
    const s = stage(input('stage'));
    const password = optional(input('password'));
    if (password !== undefined)
        onSecret(password);
    const username = optional(input('username'));
    if ((username === undefined) !== (password === undefined)) {
        throw new errors/* UsageError */.e(username === undefined ? 'username' : 'password', 'username and password go together: set both, or neither to use the Docker config (docker/login-action) and github-token for ghcr.io');
    }
    const file = optional(input('file'));
    const target = optional(input('target'));
    const provenance = optional(input('provenance'));
    const sbom = optional(input('sbom'));
    const promote = promoteFrom(input('promote-from'));
    return {
        images: settings_images(input('images')),
        ...(v !== undefined && { version: v }),
        ...(prefix !== undefined && { tagPrefix: prefix }),
        ...(s !== undefined && { stage: s }),
        latest: latest(input('latest')),
        extraTags: extraTags(input('extra-tags')),
        labels: keyValues('labels', input('labels'), 'org.opencontainers.image.vendor=Acme'),
        annotations: annotations(input('annotations')),
        buildArgs: keyValues('build-args', input('build-args'), 'NODE_VERSION=24'),
        platforms: settings_platforms(input('platforms')),
        dryRun: settings_boolean('dry-run', input('dry-run'), false),
        githubToken,
        engine: oneOf('engine', input('engine'), ['buildx', 'buildah'], 'buildx'),
        context: input('context') || '.',
        ...(file !== undefined && { file }),
        ...(target !== undefined && { target }),
        secrets: secrets(input('secrets'), onSecret),
        cache: oneOf('cache', input('cache'), ['gha', 'none'], 'gha'),
        ...(provenance !== undefined && { provenance }),
        ...(sbom !== undefined && { sbom }),
        push: oneOf('push', input('push'), ['auto', 'true', 'false'], 'auto'),
        overwrite: settings_boolean('overwrite', input('overwrite'), false),
        release: oneOf('release', input('release'), release_mode/* RELEASE_MODES */.h, 'auto'),
        ...(promote !== undefined && { promoteFrom: promote }),
        ...(username !== undefined && { username }),
        ...(password !== undefined && { password }),
    };
}

;// CONCATENATED MODULE: ./src/main.ts








function readPayload(env) {
    const path = env.GITHUB_EVENT_PATH;
    if (!path)
        return {};
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(path, 'utf8');
    }
    catch (e) {
        throw new errors/* UsageError */.e('GITHUB_EVENT_PATH', `cannot read the event payload '${path}': ${e.message}`);
    }
    try {
        return JSON.parse(text);
    }
    catch (e) {
        throw new errors/* UsageError */.e('GITHUB_EVENT_PATH', `'${path}' is not JSON: ${e.message}`);
    }
}
async function plan(settings, event, deps) {
    // Published versions come from the checkout's tags in this version; build-and-push will ask
    // the registry. Git is asked for the commit time only when the payload lacks it.
    const [publishedTags, gitCommitTime] = await Promise.all([
        deps.git.tags(),
        event.commitTime === undefined ? deps.git.commitTime(event.sha) : Promise.resolve(undefined),
    ]);
    return planRelease(settings, {
        event,
        publishedTags,
        ...(gitCommitTime !== undefined && { gitCommitTime }),
        now: deps.now(),
    });
}
/** The event as if it had run on `sha`: the payload's commit time is the old commit's, so it goes. */
function withCommit(event, sha) {
    const moved = { ...event, sha };
    delete moved.commitTime;
    return moved;
}
/** Why a step failed, for the one error line: the stack only for what is a bug of ours. */
function failure(e, stage) {
    if (e instanceof errors/* UsageError */.e)
        return e.message;
    const err = e instanceof Error ? e : new Error(String(e));
    // Registry, guard and build errors name what failed and what to do; they are not bugs.
    if (stage === 'publish')
        return err.message;
    return `image-release failed unexpectedly: ${err.stack ?? err.message}`;
}
/**
 * settings → event → plan → (build, push, tag) → outputs and summary. Every failure ends as
 * one error naming its cause.
 */
async function run(deps) {
    const { runner } = deps;
    let stage = 'plan';
    try {
        const settings = readSettings(runner.getInput, runner.setSecret);
        const event = parseEvent(deps.env, readPayload(deps.env));
        const result = await plan(settings, event, deps);
        for (const warning of result.warnings)
            runner.warning(warning);
        for (const notice of result.notices)
            runner.notice(notice);
        runner.startGroup(`Plan: ${result.version} (${result.tags.length} tags × ${result.images.length} images)`);
        // The plan echoes inputs and payload text; stopping command processing keeps a line such as
        // `::add-mask::` or `::error::` inside a label from being taken for a runner command.
        runner.verbatim(planText(result));
        runner.endGroup();
        const ctx = { runner, env: deps.env, cwd: deps.cwd };
        const decision = (0,release_mode/* decideRelease */.c)(settings.release, {
            versionSource: result.versionSource,
            semver: result.semver !== undefined,
            version: result.version,
        });
        if (!settings.dryRun && decision.release && settings.githubToken === '') {
            // Found now rather than after the images are out.
            throw new errors/* UsageError */.e('github-token', 'the GitHub release needs a token with contents: write; leave github-token at its default (${{ github.token }}) and give the job permissions: contents: write, or set release: false');
        }
        let outcome;
        let release;
        let published = result;
        let releaseError;
        if (!settings.dryRun) {
            stage = 'publish';
            // Loaded here: the registry client, the engines and octokit are not needed to plan.
            const { publish } = await __nccwpck_require__.e(/* import() */ 995).then(__nccwpck_require__.bind(__nccwpck_require__, 1995));
            outcome = await publish(result, settings, event, {
                ...ctx,
                replan: (sha) => plan(settings, withCommit(event, sha), deps),
            });
            published = outcome.plan ?? result;
            if (decision.release && !outcome.pushed) {
                runner.warning(`No GitHub release for ${published.version}: nothing was pushed (push: ${settings.push} on ${event.name}), so its pull commands would name images that do not exist.`);
            }
            else {
                const { publishReleaseStep } = await __nccwpck_require__.e(/* import() */ 738).then(__nccwpck_require__.bind(__nccwpck_require__, 1738));
                // The images are out by now: their outputs and summary are written even when the
                // release fails, and the failure is reported after them.
                try {
                    release = await publishReleaseStep(published, settings, event, outcome, ctx);
                }
                catch (e) {
                    releaseError = e instanceof Error ? e : new Error(String(e));
                }
            }
        }
        else if (decision.release) {
            const { draftReleaseBody } = await __nccwpck_require__.e(/* import() */ 23).then(__nccwpck_require__.bind(__nccwpck_require__, 2023));
            release = await draftReleaseBody(result, settings, event, {
                ...ctx,
                notice: (m) => runner.notice(m),
            });
        }
        runner.appendSummary(planSummary(published, settings.dryRun) +
            (outcome !== undefined ? imagesSummary(published, outcome) : '') +
            (release !== undefined ? releaseSummary(release) : ''));
        // Outputs in one write: a failure before this point leaves none behind.
        runner.setOutputs(planOutputs(published, outcome, release));
        if (releaseError !== undefined)
            throw releaseError;
        return 0;
    }
    catch (e) {
        runner.error(failure(e, stage));
        if (stage === 'publish' && e instanceof Error && e.stack)
            runner.debug(e.stack);
        return 1;
    }
}


/***/ }),

/***/ 3848:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   CJ: () => (/* binding */ ANNOTATION_LEVELS),
/* harmony export */   TT: () => (/* binding */ ociLabels),
/* harmony export */   bK: () => (/* binding */ annotationLines),
/* harmony export */   ee: () => (/* binding */ mergeKeyValues)
/* harmony export */ });
/* unused harmony export defaultAnnotationLevels */
const ANNOTATION_LEVELS = [
    'manifest',
    'index',
    'manifest-descriptor',
    'index-descriptor',
];
/**
 * The manifest always, so each platform image carries them; the index too for a multi-platform
 * build, so that registries showing the top object of a multi-arch image (GHCR's description)
 * find them. A single-platform build has no index, and BuildKit refuses index annotations there.
 */
function defaultAnnotationLevels(multiPlatform) {
    return multiPlatform ? ['manifest', 'index'] : ['manifest'];
}
const OCI = 'org.opencontainers.image';
/** The OCI standard keys, all from the event payload so that a plan needs no API call. */
function ociLabels(event, version, created) {
    const repo = event.repository;
    const entries = [
        ['created', created],
        ['description', repo.description],
        ['licenses', repo.license],
        ['revision', event.sha],
        ['source', repo.htmlUrl],
        ['title', repo.name],
        ['url', repo.htmlUrl],
        ['version', version],
    ];
    return entries.flatMap(([k, v]) => (v === undefined ? [] : [{ key: `${OCI}.${k}`, value: v }]));
}
/** Later entries win; the result is sorted by key (the order docker/metadata-action prints). */
function mergeKeyValues(base, overrides) {
    const map = new Map();
    for (const { key, value } of [...base, ...overrides])
        map.set(key, value);
    return [...map]
        .map(([key, value]) => ({ key, value }))
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
/**
 * Annotation lines as `level:key=value`, one per level. A user annotation replaces the OCI one
 * with the same key on the levels it names and leaves the other levels alone.
 */
function annotationLines(base, user, multiPlatform) {
    const levels = defaultAnnotationLevels(multiPlatform);
    const byLevel = new Map();
    const put = (level, key, value) => {
        let m = byLevel.get(level);
        if (!m)
            byLevel.set(level, (m = new Map()));
        m.set(key, value);
    };
    for (const { key, value } of base)
        for (const level of levels)
            put(level, key, value);
    for (const a of user)
        for (const level of a.levels ?? levels)
            put(level, a.key, a.value);
    const lines = [];
    for (const level of ANNOTATION_LEVELS) {
        const m = byLevel.get(level);
        if (!m)
            continue;
        for (const key of [...m.keys()].sort())
            lines.push(`${level}:${key}=${m.get(key)}`);
    }
    return lines;
}


/***/ }),

/***/ 478:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   A0: () => (/* binding */ TAG_PATTERN),
/* harmony export */   Rx: () => (/* binding */ splitDomain),
/* harmony export */   iP: () => (/* binding */ sanitizeTag),
/* harmony export */   iS: () => (/* binding */ imageNameProblem),
/* harmony export */   mn: () => (/* binding */ PATH_COMPONENT_SOURCE),
/* harmony export */   r_: () => (/* binding */ isValidTag),
/* harmony export */   z1: () => (/* binding */ TAG_GRAMMAR)
/* harmony export */ });
/**
 * Image names and tags, checked against the distribution reference grammar
 * (github.com/distribution/reference, grammar in reference.go). Kept pure so that the planner,
 * the settings reader and the registry client all agree on what a valid name is.
 */
const TAG_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
const TAG_GRAMMAR = '[A-Za-z0-9_][A-Za-z0-9._-]{0,127}';
const DOMAIN_COMPONENT = '(?:[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9])';
const DOMAIN = new RegExp(`^(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9A-Fa-f:]+\\])(?::[0-9]+)?$`);
/** One path component of a repository name, as a regular expression source. */
const PATH_COMPONENT_SOURCE = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const PATH_COMPONENT = new RegExp(`^${PATH_COMPONENT_SOURCE}$`);
const NAME_MAX = 255;
function isValidTag(tag) {
    return TAG_PATTERN.test(tag);
}
/**
 * Turns any string into a usable tag: characters a tag cannot hold become `-`, a leading `.` or
 * `-` is dropped, and the result is cut to 128 characters. Returns '' when nothing usable is left.
 */
function sanitizeTag(raw) {
    const replaced = raw.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '');
    return replaced.slice(0, 128);
}
/**
 * Splits off a registry domain the way Docker does: the first component is a domain when it has
 * a `.` or `:`, is `localhost`, or has an uppercase letter (a path component never may).
 */
function splitDomain(name) {
    const slash = name.indexOf('/');
    if (slash === -1)
        return [undefined, name];
    const first = name.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost' || /[A-Z]/.test(first)) {
        return [first, name.slice(slash + 1)];
    }
    return [undefined, name];
}
/** Returns why `name` is not a valid image name (without tag or digest), or undefined if it is. */
function imageNameProblem(name) {
    if (name === '')
        return 'the name is empty';
    if (/\s/.test(name))
        return 'it contains white space';
    if (name.includes('@'))
        return 'it contains a digest (`@…`); give the name only';
    if (name.length > NAME_MAX)
        return `it is longer than ${NAME_MAX} characters`;
    const [domain, path] = splitDomain(name);
    if (domain !== undefined && !DOMAIN.test(domain))
        return `'${domain}' is not a valid registry host`;
    const lastSlash = path.lastIndexOf('/');
    if (path.slice(lastSlash + 1).includes(':')) {
        return 'it contains a tag (`:…`); give the name only and set tags with the tag inputs';
    }
    for (const component of path.split('/')) {
        if (component === '')
            return 'it has an empty path component (`//` or a trailing `/`)';
        if (/[A-Z]/.test(component))
            return `the path '${path}' has uppercase letters; use '${path.toLowerCase()}'`;
        if (!PATH_COMPONENT.test(component)) {
            return `the path component '${component}' must be lowercase letters and digits separated by '.', '_', '__' or '-'`;
        }
    }
    return undefined;
}


/***/ }),

/***/ 952:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   c: () => (/* binding */ decideRelease),
/* harmony export */   h: () => (/* binding */ RELEASE_MODES)
/* harmony export */ });
const RELEASE_MODES = ['auto', 'true', 'false', 'draft'];
/**
 * Whether this run makes a GitHub release. Only version builds do (a tag push, a release event, a
 * version typed in); `auto` only for semver versions, since a release creates its tag and a
 * `hotfix-123` typed in is not always meant to become one; `true` and `draft` for any version.
 */
function decideRelease(mode, build) {
    const none = (reason) => ({
        release: false,
        draft: false,
        reason,
    });
    if (mode === 'false')
        return none('release is false');
    if (build.versionSource === 'none') {
        return none(`${build.version} is no version build (a branch, a pull request or a tag that is no version), and only versions are released${mode === 'auto' ? '' : `; release: ${mode} is ignored`}`);
    }
    if (mode === 'auto' && !build.semver) {
        return none(`${build.version} is no semver version; set release: true to release it (its tag is created at this commit)`);
    }
    return {
        release: true,
        draft: mode === 'draft',
        reason: `release is ${mode} and ${build.version} is a version`,
    };
}


/***/ }),

/***/ 9458:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $g: () => (/* binding */ GUARDED_KINDS),
/* harmony export */   M8: () => (/* binding */ orderTags),
/* harmony export */   OP: () => (/* binding */ versionTags),
/* harmony export */   ZZ: () => (/* binding */ FLOATING_KINDS),
/* harmony export */   js: () => (/* binding */ decideFloating),
/* harmony export */   uK: () => (/* binding */ tagsForImage)
/* harmony export */ });
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(5671);

const FLOATING_KINDS = new Set(['minor', 'major', 'latest']);
/**
 * Floating tags move only forwards: `X.Y` is planned only when this version is at least the
 * highest published stable `X.Y.*`, `X` likewise, `latest` only when it is at least the highest
 * published stable version. Prereleases never move a floating tag because `1.2` is a promise of
 * stability. Equal versions count as forwards so that re-running a release is idempotent.
 */
function decideFloating(version, published) {
    if (version.prerelease) {
        return { minor: false, major: false, latest: false, reasons: ['prerelease: exact tag only'] };
    }
    const v = version.semver;
    const stable = published.filter((p) => p.prerelease.length === 0);
    const highest = (line) => line.reduce((max, p) => (max === undefined || p.compare(max) > 0 ? p : max), undefined);
    const judge = (label, line) => {
        const top = highest(line);
        if (top === undefined)
            return [true, `${label}: no published version, ${v.version} is the newest`];
        const forwards = v.compare(top) >= 0;
        return [
            forwards,
            forwards
                ? `${label}: ${v.version} >= highest published ${top.version}`
                : `${label}: not moved, ${top.version} is newer than ${v.version}`,
        ];
    };
    const [minor, minorWhy] = judge(`${v.major}.${v.minor}`, stable.filter((p) => p.major === v.major && p.minor === v.minor));
    const [major, majorWhy] = judge(`${v.major}`, stable.filter((p) => p.major === v.major));
    const [latest, latestWhy] = judge('latest', stable);
    return { minor, major, latest, reasons: [minorWhy, majorWhy, latestWhy] };
}
function versionTags(version, floating) {
    const v = version.semver;
    const tags = [{ name: (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .versionTag */ .Vm)(version), kind: 'version' }];
    if (floating.minor)
        tags.push({ name: `${v.major}.${v.minor}`, kind: 'minor' });
    if (floating.major)
        tags.push({ name: `${v.major}`, kind: 'major' });
    return tags;
}
/**
 * Exact tags first, floating ones after, duplicates dropped (the first kind wins), so that the
 * push step can tag in this order and a failure part-way never leaves a floating tag ahead.
 */
function orderTags(tags) {
    const seen = new Set();
    const exact = [];
    const floating = [];
    for (const tag of tags) {
        if (seen.has(tag.name))
            continue;
        seen.add(tag.name);
        (FLOATING_KINDS.has(tag.kind) ? floating : exact).push(tag);
    }
    const rank = { minor: 0, major: 1, latest: 2 };
    floating.sort((a, b) => (rank[a.kind] ?? 0) - (rank[b.kind] ?? 0));
    return [...exact, ...floating];
}
/**
 * Tags that name one build for good and are never moved by accident: the version (`1.2.3`,
 * `hotfix-123`), a pushed git tag, and `<stage>-<sha7>`. `pr-12` and extra tags (`edge`) are
 * meant to follow new pushes, so they are not guarded, only ordered before the floating ones.
 */
const GUARDED_KINDS = new Set(['version', 'ref', 'stage']);
/**
 * The tags to apply to one image, with floating tags judged again against that image's own
 * tag list in its registry: what git knew at plan time may lag behind what was published.
 * Registry tags carry no prefix (`1.2.3`), so they are read with the default version forms.
 */
function tagsForImage(planned, version, latestMode, registryTags, parse) {
    const exact = planned.filter((t) => !FLOATING_KINDS.has(t.kind));
    if (version === undefined) {
        // No semver version: only `latest: true` can add a floating tag, as the planner decided.
        return { tags: orderTags(planned), reasons: [] };
    }
    const published = registryTags
        .map(parse)
        .filter((v) => v !== undefined)
        .map((v) => v.semver);
    const floating = decideFloating(version, published);
    const tags = [...exact];
    const v = version.semver;
    if (floating.minor)
        tags.push({ name: `${v.major}.${v.minor}`, kind: 'minor' });
    if (floating.major)
        tags.push({ name: `${v.major}`, kind: 'major' });
    const latest = latestMode === 'true' ? !version.prerelease : latestMode === 'false' ? false : floating.latest;
    if (latest)
        tags.push({ name: 'latest', kind: 'latest' });
    return { tags: orderTags(tags), reasons: floating.reasons };
}


/***/ }),

/***/ 5671:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Vm: () => (/* binding */ versionTag),
/* harmony export */   Zl: () => (/* binding */ VERSION_FORMS),
/* harmony export */   ot: () => (/* binding */ parseVersion)
/* harmony export */ });
/* harmony import */ var semver_classes_semver_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7163);
/* harmony import */ var semver_classes_semver_js__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(semver_classes_semver_js__WEBPACK_IMPORTED_MODULE_0__);

/** The prefixes recognised when no `tag-prefix` is set; longest first so `V.` wins over `V`. */
const DEFAULT_PREFIXES = ['V.', 'v', 'V', ''];
/**
 * Strict semver: three numeric parts, no leading zeros. `semver`'s own parser also takes a
 * leading `v`, `=` and white space, which must not count here because the prefix is ours to
 * judge, so the first character has to be a digit.
 */
function parseStrictSemver(text) {
    if (!/^[0-9]/.test(text) || /\s/.test(text))
        return undefined;
    try {
        return new (semver_classes_semver_js__WEBPACK_IMPORTED_MODULE_0___default())(text);
    }
    catch {
        return undefined;
    }
}
/**
 * Reads a version from a tag name. With `tagPrefix` set only `<tagPrefix><semver>` counts (a
 * monorepo's `server-v2.3.4`), so another component's tags are never taken for ours.
 */
function parseVersion(name, tagPrefix) {
    const prefixes = tagPrefix !== undefined ? [tagPrefix] : DEFAULT_PREFIXES;
    for (const prefix of prefixes) {
        if (!name.startsWith(prefix))
            continue;
        const semver = parseStrictSemver(name.slice(prefix.length));
        if (semver)
            return { source: name, prefix, semver, prerelease: semver.prerelease.length > 0 };
    }
    return undefined;
}
/** `X.Y.Z[-pre]`: the form used in tags and outputs; build metadata is dropped. */
function versionTag(version) {
    return version.semver.version;
}
const VERSION_FORMS = 'X.Y.Z, vX.Y.Z, VX.Y.Z or V.X.Y.Z (optionally -prerelease, +build)';


/***/ }),

/***/ 4813:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   qc: () => (/* binding */ processRunner)
/* harmony export */ });
/* unused harmony exports escapeData, fileCommand, inputVariable, writeStdout */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);

/** Runner command data: `%`, CR and LF are escaped so that a value is one command. */
function escapeData(value) {
    return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function randomToken(prefix) {
    return `${prefix}${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
}
/**
 * A `name<<delimiter` block for GITHUB_OUTPUT. What keeps a value from ending the block early and
 * smuggling in another output is the check that the delimiter occurs in neither name nor value,
 * not the delimiter's randomness; so Math.random serves, and node:crypto (slow to load) is spared.
 * The stop-commands token of `verbatim` is chosen the same way.
 */
function fileCommand(name, value) {
    let delimiter = randomToken('ghadelimiter_');
    while (name.includes(delimiter) || value.includes(delimiter))
        delimiter = randomToken('ghadelimiter_');
    return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
}
/** The `INPUT_` variable the runner sets: spaces become `_`, upper-cased, hyphens kept. */
function inputVariable(name) {
    return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}
const PAUSE = new Int32Array(new SharedArrayBuffer(4));
/**
 * Writes to fd 1 directly. Creating `process.stdout` loads Node's stream stack, which costs more
 * than the whole plan; a runner's stdout is a pipe, so a full pipe (EAGAIN) is waited out.
 */
function writeStdout(text) {
    let buffer = Buffer.from(text, 'utf8');
    while (buffer.length > 0) {
        try {
            buffer = buffer.subarray((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeSync)(1, buffer));
        }
        catch (e) {
            if (e.code !== 'EAGAIN')
                throw e;
            // The reader is behind: wait a moment instead of spinning.
            Atomics.wait(PAUSE, 0, 0, 10);
        }
    }
}
function processRunner(env = process.env, write = writeStdout) {
    const command = (name, message) => write(`::${name}::${escapeData(message)}\n`);
    return {
        getInput: (name) => (env[inputVariable(name)] ?? '').trim(),
        setOutputs(outputs) {
            const file = env.GITHUB_OUTPUT;
            // Outside a runner there is no output file; print the outputs so a local run still shows them.
            if (file)
                (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.appendFileSync)(file, outputs.map(([name, value]) => fileCommand(name, value)).join(''), 'utf8');
            else
                for (const [name, value] of outputs)
                    write(`${name}=${value}\n`);
        },
        appendSummary(markdown) {
            const file = env.GITHUB_STEP_SUMMARY;
            if (file)
                (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.appendFileSync)(file, markdown, 'utf8');
        },
        warning: (message) => command('warning', message),
        error: (message) => command('error', message),
        notice: (message) => command('notice', message),
        startGroup: (title) => command('group', title),
        endGroup: () => write(`::endgroup::\n`),
        verbatim(text) {
            let token = randomToken('stop-');
            while (text.includes(token))
                token = randomToken('stop-');
            write(`::stop-commands::${token}\n${text}\n::${token}::\n`);
        },
        info: (message) => write(`${message}\n`),
        debug: (message) => command('debug', message),
        async commandsStopped(work) {
            // The output is not known in advance, so the token cannot be checked against it: here its
            // randomness is what keeps a build from ending the section, so it comes from crypto
            // (loaded only on this path, which builds and is not start-up bound).
            const { randomBytes } = await Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 7598, 23));
            const token = `stop-${randomBytes(16).toString('hex')}`;
            write(`::stop-commands::${token}\n`);
            try {
                return await work();
            }
            finally {
                write(`::${token}::\n`);
            }
        },
        setSecret: (value) => {
            if (value !== '')
                command('add-mask', value);
        },
    };
}


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(9407);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
