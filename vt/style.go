package vt

// Tables that keep cells small: styles, grapheme clusters and hyperlinks are
// stored once and referred to by number. Each table is bounded; when the
// style or cluster table fills up it is compacted by re-interning what the
// screens still use (history lines store styles and clusters inline, so
// they do not pin entries).

const (
	styleTableLimit   = 1 << 14
	clusterTableLimit = 1 << 12
	linkTableLimit    = 1 << 12
	maxClusterBytes   = 64
)

type styleTable struct {
	list  []Style
	index map[Style]StyleID
	limit int
	// A few recent lookups, checked before the map: programs switch
	// between a handful of styles.
	cache     [4]styleCacheEntry
	cacheNext int
}

type styleCacheEntry struct {
	s  Style
	id StyleID
}

func (st *styleTable) init() {
	st.list = append(st.list[:0], Style{})
	st.index = make(map[Style]StyleID)
	st.limit = styleTableLimit
	st.cache = [4]styleCacheEntry{}
}

func (st *styleTable) get(id StyleID) Style {
	if int(id) < len(st.list) {
		return st.list[id]
	}
	return Style{}
}

func (st *styleTable) lookup(s Style) (StyleID, bool) {
	for i := range st.cache {
		if e := &st.cache[i]; e.id != 0 && e.s == s {
			return e.id, true
		}
	}
	id, ok := st.index[s]
	if ok {
		st.remember(s, id)
	}
	return id, ok
}

func (st *styleTable) remember(s Style, id StyleID) {
	st.cache[st.cacheNext] = styleCacheEntry{s, id}
	st.cacheNext = (st.cacheNext + 1) % len(st.cache)
}

func (st *styleTable) full() bool { return len(st.list) >= st.limit }

func (st *styleTable) add(s Style) StyleID {
	id := StyleID(len(st.list))
	st.list = append(st.list, s)
	st.index[s] = id
	st.remember(s, id)
	return id
}

// compactStyles rebuilds the style table from what the screens and saved
// cursors use, rewriting every StyleID in place.
func (t *Terminal) compactStyles() {
	old := t.styles.list
	t.styles.cache = [4]styleCacheEntry{}
	t.styles.list = make([]Style, 1, 256)
	t.styles.index = make(map[Style]StyleID)
	remap := make(map[StyleID]StyleID)
	re := func(id StyleID) StyleID {
		if id == 0 || int(id) >= len(old) {
			return 0
		}
		if n, ok := remap[id]; ok {
			return n
		}
		n := t.styles.add(old[id])
		remap[id] = n
		return n
	}
	for _, s := range []*screen{t.main, t.alt} {
		for i := range s.lines {
			cells := s.lines[i].cells
			for j := range cells {
				cells[j].Style = re(cells[j].Style)
			}
		}
	}
	t.cur.sid = re(t.cur.sid)
	t.savedMain.sid = re(t.savedMain.sid)
	t.savedAlt.sid = re(t.savedAlt.sid)
	if len(t.styles.list) >= t.styles.limit/2 {
		// The screens alone use most of the table: let it grow so that
		// compaction stays rare.
		t.styles.limit = 2 * t.styles.limit
	} else if t.styles.limit > styleTableLimit && len(t.styles.list) < styleTableLimit/2 {
		t.styles.limit = styleTableLimit
	}
}

// clusterTable holds grapheme clusters of more than one rune. Cell.Rune
// values above maxRune are maxRune+1+index.
type clusterTable struct {
	list  []string
	index map[string]rune
	limit int
}

func (ct *clusterTable) init() {
	ct.list = ct.list[:0]
	ct.index = make(map[string]rune)
	ct.limit = clusterTableLimit
}

func (ct *clusterTable) get(r rune) string {
	i := int(r - maxRune - 1)
	if i >= 0 && i < len(ct.list) {
		return ct.list[i]
	}
	return "\ufffd"
}

// internCluster returns the Rune value for cluster text b.
func (t *Terminal) internCluster(b []byte) rune {
	ct := &t.clusters
	if r, ok := ct.index[string(b)]; ok {
		return r
	}
	if len(ct.list) >= ct.limit {
		t.compactClusters()
		// If the screens alone use most of the table, let it grow so
		// that compaction stays rare; it shrinks back when it can.
		if len(ct.list) >= ct.limit/2 {
			ct.limit = 2 * ct.limit
		} else if ct.limit > clusterTableLimit && len(ct.list) < clusterTableLimit/2 {
			ct.limit = clusterTableLimit
		}
	}
	s := string(b)
	r := rune(maxRune + 1 + len(ct.list))
	ct.list = append(ct.list, s)
	ct.index[s] = r
	return r
}

func (t *Terminal) compactClusters() {
	old := t.clusters.list
	t.clusters.list = make([]string, 0, 64)
	t.clusters.index = make(map[string]rune)
	for _, s := range []*screen{t.main, t.alt} {
		for i := range s.lines {
			cells := s.lines[i].cells
			for j := range cells {
				r := cells[j].Rune
				if r <= maxRune {
					continue
				}
				k := int(r - maxRune - 1)
				if k >= len(old) {
					cells[j].Rune = 0xfffd
					continue
				}
				cells[j].Rune = t.internClusterString(old[k])
			}
		}
	}
}

// internClusterKeep interns a cluster without compacting (see internKeep).
func (t *Terminal) internClusterKeep(b []byte) rune {
	ct := &t.clusters
	if r, ok := ct.index[string(b)]; ok {
		return r
	}
	return t.internClusterString(string(b))
}

func (t *Terminal) internClusterString(s string) rune {
	ct := &t.clusters
	if r, ok := ct.index[s]; ok {
		return r
	}
	r := rune(maxRune + 1 + len(ct.list))
	ct.list = append(ct.list, s)
	ct.index[s] = r
	return r
}

// linkTable maps OSC 8 URLs (with their id= parameter) to numbers. Ids are
// never reused; when the table is full the oldest entries are forgotten, so
// very old history may lose its links.
type linkTable struct {
	urls   map[uint32]string
	keys   map[uint32]string
	index  map[string]uint32
	next   uint32
	oldest uint32
}

func (lt *linkTable) init() {
	lt.urls = make(map[uint32]string)
	lt.keys = make(map[uint32]string)
	lt.index = make(map[string]uint32)
	lt.next = 1
	lt.oldest = 1
}

func (lt *linkTable) get(id uint32) string { return lt.urls[id] }

// add returns the id for key (id parameter + URL) and url.
func (lt *linkTable) add(key, url string) uint32 {
	if id, ok := lt.index[key]; ok {
		return id
	}
	for len(lt.urls) >= linkTableLimit && lt.oldest < lt.next {
		if k, ok := lt.keys[lt.oldest]; ok {
			delete(lt.index, k)
			delete(lt.keys, lt.oldest)
			delete(lt.urls, lt.oldest)
		}
		lt.oldest++
	}
	id := lt.next
	lt.next++
	lt.urls[id] = url
	lt.keys[id] = key
	lt.index[key] = id
	return id
}
