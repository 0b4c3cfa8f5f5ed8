/*
 * Search worker for the bilingual handbook: Material's own worker, wrapped.
 *
 * overrides/hooks/search_index.py points __config.search here as
 *   search-i18n.js?lang=ru&worker=search.<hash>.min.js&index=../../../search/search_index.ru.json
 * This file sits next to Material's worker, so that worker's "../lunr" language scripts resolve.
 *
 * - Lazy: a page's first view downloads only this small file. SETUP (the config-only
 *   search_index.json from the page script) is answered with READY at once and kept; Material's
 *   worker, the lunr language scripts and this language's index load on the first query. That
 *   keeps every page under the page-weight budget (budgets.yml) while search still works offline.
 * - SETUP, when replayed: we swap in this language's documents, so a Russian page only ever
 *   finds (and downloads) Russian pages.
 * - QUERY: every query word goes through the index's own lunr pipeline (trimmer, Russian and
 *   English Snowball stemmers of lunr-languages) before Material appends its "*". lunr never
 *   runs the pipeline on wildcard terms, which is why the stemmer setting alone made every full
 *   word miss: "рекламы*" was looked up as a prefix of the stem "реклам". Each term is sent as an
 *   exact match (weighted) and a prefix match; stop words are dropped from the query.
 * - "ё" is read as "е" on both sides ("отчёты" = "отчеты"); the Snowball stemmer treats them apart.
 * - House terms: the index carries its language's "synonyms" ([what readers type, the term the
 *   pages use], from docs/data/house-terms.yml: avoided variants and listed synonyms). A query
 *   that holds one, in any word form ("собеседовании", "probationary"), also asks for the
 *   preferred term ("интервью", "probation"); both sides go through the same pipeline.
 * - RESULT: suggestions are index terms, i.e. stems; show a word from the text instead.
 */
"use strict";

(() => {
  const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3 /* Material's SearchMessageType */
  const EXACT = 10 /* weight of a whole-word match over a prefix match (Material adds the "*") */
  const params = new URL(self.location.href).searchParams
  const material = params.get("worker") || ""
  const index = params.get("index") || ""
  if (!/^search\.[\w.]+\.js$/.test(material) || !/^[\w./-]+\.json$/.test(index))
    throw new Error(`search-i18n: bad worker URL ${self.location.href}`)

  /* Material's worker and our lunr patches, loaded on the first query (see "Lazy" above) */
  let handle, pipeline, config, synonyms = [], rules = null
  const words = new Map()
  const fold = value => value.replace(/ё/g, "е")
  function boot() {
    /* Load Material's worker and take its message listener, to call it ourselves */
    const listen = self.addEventListener
    self.addEventListener = (type, listener, ...rest) => {
      if (type === "message" && !handle)
        handle = listener
      else
        listen.call(self, type, listener, ...rest)
    }
    importScripts(material)
    self.addEventListener = listen

    /* Fold "ё" before every lunr pipeline run. While Material builds the index, keep the pipeline
       it uses (to run query words through the very same functions) and the shortest word each
       index term came from */
    let indexing = false
    const add = lunr.Builder.prototype.add
    lunr.Builder.prototype.add = function (...args) {
      pipeline = this.pipeline
      indexing = true
      try {
        return add.apply(this, args)
      } finally {
        indexing = false
      }
    }
    const run = lunr.Pipeline.prototype.run
    lunr.Pipeline.prototype.run = function (tokens) {
      const surface = tokens.map(token => token.update(fold).toString())
      /* lunr's search pipeline: query words arrive already normalised, and a stem stemmed again
         can change ("реклам" -> "рекл") */
      if (!indexing && pipeline && this !== pipeline)
        return tokens
      const result = run.call(this, tokens)
      if (indexing)
        tokens.forEach((token, i) => {
          const word = surface[i].replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "")
          const known = words.get(token.toString())
          if (word && (!known || word.length < known.length))
            words.set(token.toString(), word)
        })
      return result
    }

  }

  /* Call fn with each piece of value between the index's separators (and lunr's own syntax
     characters, which a reader does not mean); matchAll copes with any separator expression */
  function split(value, fn) {
    const separator = new RegExp(`${config.separator}|[*~^:]`, "g")
    let last = 0
    for (const match of value.matchAll(separator)) {
      fn(value.slice(last, match.index))
      last = match.index + match[0].length
    }
    fn(value.slice(last))
  }

  /* Stop words are dropped from queries, not from the index: lunr-languages' Russian list also
     holds "первый", "день", "год", "человек", which readers do search for */
  function isStopWord(word) {
    const token = new lunr.Token(fold(word))
    return config.lang
      .map(code => code === "en" ? lunr.stopWordFilter : lunr[code]?.stopWordFilter)
      .some(filter => filter && !filter(token))
  }

  /* The index terms of a word or phrase, stop words left out */
  function terms(text) {
    const found = []
    split(text, word => {
      if (word && !isStopWord(word))
        found.push(...pipeline.runString(word.toLowerCase()).filter(Boolean))
    })
    return found
  }

  /* [terms a reader types, terms of the house term] per synonym, built on the first query.
     Returns the house terms' words to add, and the query words a synonym stood for (a reader's
     "skills matrix" means the competency matrix: those words count as plain words, not exact) */
  function houseTerms(stems) {
    rules = rules || synonyms
      .map(([from, to]) => [terms(from), terms(to)])
      .filter(([from, to]) => from.length && to.length)
    const extra = [], covered = new Set()
    for (const [from, to] of rules)
      stems.forEach((_, i) => {
        if (!from.every((term, k) => stems[i + k] === term))
          return
        from.filter(term => !to.includes(term)).forEach(term => covered.add(term))
        extra.push(...to.filter(term => !stems.includes(term) && !extra.includes(term)))
      })
    return { extra, covered }
  }

  /* Query words -> index terms, each as an exact match (weighted) and a prefix match (Material
     appends "*" to the second). Quotes and a leading +/- keep their meaning for Material. A
     house term's synonym adds the preferred term's words (optional: they rank, never filter). */
  function normalise(query) {
    const parts = query.split(/(\s+|")/).map(part => {
      if (!part.trim() || part === '"')
        return part
      const [, presence, rest] = part.match(/^([+-]?)([^]*)$/)
      const words = []
      split(rest, word => word && words.push(word.toLowerCase()))
      return { presence, words }
    })
    const words = parts.flatMap(part => part.words || [])
    const keep = words.some(word => !isStopWord(word))
      ? word => !isStopWord(word)
      : () => true /* only stop words ("первый день"): search for them */
    parts.forEach(part => {
      if (typeof part !== "string")
        part.terms = part.words.filter(keep).flatMap(word => pipeline.runString(word)).filter(Boolean)
    })
    const { extra, covered } = houseTerms(parts.flatMap(part => part.terms || []))
    const text = parts.map(part => typeof part === "string" ? part : part.terms
      .map(term => `${part.presence}${term}^${covered.has(term) ? 1 : EXACT} ${part.presence}${term}`)
      .join(" ")
    ).join("")
    return [text, ...extra.map(term => `${term}^${EXACT} ${term}`)].join(" ").trim()
  }

  async function setup(data) {
    try {
      const response = await fetch(new URL(index, self.location.href))
      if (!response.ok)
        throw new Error(`${response.status} for ${response.url}`)
      data = { ...data, ...await response.json() }
    } catch (err) {
      console.error(`search-i18n: no index for this language (${err.message})`)
    }
    config = data.config
    synonyms = Array.isArray(data.synonyms) ? data.synonyms : []
    return data
  }

  /* Material sends queries only after READY: we say READY straight away and build the real
     index when the first query arrives (queries wait for it, in order) */
  let setupMessage = null, started = null
  async function start() {
    boot()
    await handle({ data: { ...setupMessage, data: await setup(setupMessage.data) } })
  }
  addEventListener("message", async ev => {
    let message = ev.data
    if (message.type === SETUP) {
      setupMessage = message
      post({ type: READY })
      return
    }
    if (message.type === QUERY) {
      /* The page asks for "" right after READY: nothing to find, nothing to load yet (the same
         reply Material's worker gives an invalid query) */
      if (!started && !String(message.data).trim()) {
        post({ type: RESULT, data: { items: [] } })
        return
      }
      started = started || start()
      await started
      if (pipeline)
        message = { ...message, data: normalise(message.data) }
    }
    if (handle)
      await handle({ data: message })
  })

  /* Material posts its replies through the global postMessage; its own READY after the replayed
     SETUP is dropped (the page already has ours) */
  const post = self.postMessage.bind(self)
  self.postMessage = message => {
    if (message.type === READY)
      return
    if (message.type === RESULT && message.data.suggest)
      message.data.suggest = message.data.suggest.map(term => words.get(term) || term)
    post(message)
  }
})()
