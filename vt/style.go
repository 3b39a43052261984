package vt

import (
	"math/bits"
	"math/rand/v2"
)

// Tables that keep cells small: styles, grapheme clusters and hyperlinks are
// stored once and referred to by number. Each table is bounded; when the
// style or cluster table fills up it is compacted by re-interning what the
// screens still use (history lines store styles and clusters inline, so
// they do not pin entries).

const (
	styleTableLimit   = 1 << 12
	clusterTableLimit = 1 << 12
	linkTableLimit    = 1 << 12
	maxClusterBytes   = 64
)

type styleTable struct {
	list  []Style
	limit int
	// slots is an open-addressing hash index of list. Each slot holds the
	// Style itself next to its StyleID (0 for an empty slot: StyleID 0,
	// the default Style, is never stored), so a lookup touches one cache
	// line, not two. Its length is a power of two, at least twice
	// len(list), or zero before the first add. Entries are only removed by
	// compaction, which rebuilds the table, so probing needs no
	// tombstones.
	slots []styleSlot
	shift uint      // 64 - log2(len(slots))
	seed  uint64    // per-table, so that crafted styles cannot collide at will
	remap []StyleID // compaction's scratch, kept between compactions
}

type styleSlot struct {
	s  Style
	id StyleID
}

func (st *styleTable) init() {
	st.list = append(st.list[:0], Style{})
	st.limit = styleTableLimit
	st.slots = nil
	st.shift = 0
	if st.seed == 0 {
		st.seed = rand.Uint64() | 1
	}
}

func (st *styleTable) get(id StyleID) Style {
	if int(id) < len(st.list) {
		return st.list[id]
	}
	return Style{}
}

// hash mixes all of a Style's fields; the top bits pick a slot.
// It reads s field by field through a pointer: copying a Style whole
// right after its fields were stored one by one stalls the CPU
// (store-to-load forwarding fails), and the Style being interned has
// usually just been built by SGR.
func (st *styleTable) hash(s *Style) uint64 {
	a := (uint64(s.Fg)<<32 | uint64(s.Bg)) ^ st.seed
	b := uint64(s.UnderlineColor)<<32 | uint64(s.Link)
	c := uint64(s.Attrs)<<8 | uint64(s.Underline)
	h := a * 0xbf58476d1ce4e5b9
	h = (h ^ h>>31 ^ b) * 0x94d049bb133111eb
	h = (h ^ h>>29 ^ c) * 0x9e3779b97f4a7c15
	return h ^ h>>32
}

// styleEq compares field by field (see hash).
func styleEq(a, b *Style) bool {
	return a.Fg == b.Fg && a.Bg == b.Bg && a.UnderlineColor == b.UnderlineColor &&
		a.Attrs == b.Attrs && a.Underline == b.Underline && a.Link == b.Link
}

func (st *styleTable) lookup(s *Style) (StyleID, bool) {
	if len(st.slots) == 0 {
		return 0, false
	}
	mask := uint64(len(st.slots) - 1)
	for i := st.hash(s) >> st.shift; ; i = (i + 1) & mask {
		e := &st.slots[i]
		if e.id == 0 {
			return 0, false
		}
		if styleEq(&e.s, s) {
			return e.id, true
		}
	}
}

func (st *styleTable) full() bool { return len(st.list) >= st.limit }

// add appends s, which must not be in the table yet.
func (st *styleTable) add(s *Style) StyleID {
	id := StyleID(len(st.list))
	st.list = append(st.list, *s)
	if 2*len(st.list) > len(st.slots) {
		st.rehash(max(16, 2*len(st.slots)))
	} else {
		st.place(s, id)
	}
	return id
}

func (st *styleTable) place(s *Style, id StyleID) {
	mask := uint64(len(st.slots) - 1)
	i := st.hash(s) >> st.shift
	for st.slots[i].id != 0 {
		i = (i + 1) & mask
	}
	st.slots[i] = styleSlot{*s, id}
}

// rehash rebuilds the index with n slots (a power of two).
func (st *styleTable) rehash(n int) {
	st.slots = make([]styleSlot, n)
	st.shift = uint(64 - bits.TrailingZeros(uint(n)))
	for id := 1; id < len(st.list); id++ {
		st.place(&st.list[id], StyleID(id))
	}
}

// compactStyles drops the styles that no screen or saved cursor uses and
// rewrites every StyleID in place. Surviving styles keep their order, so
// the list is compacted in place and only the hash index is rebuilt, into
// the same slots: a stream of fresh true colours compacts often, and it
// must not allocate each time.
func (t *Terminal) compactStyles() {
	t.tableEpoch++
	st := &t.styles
	n := len(st.list)
	// remap[id] is first 1 for a used id, then the id's new number.
	if cap(st.remap) < n {
		st.remap = make([]StyleID, n)
	}
	remap := st.remap[:n]
	clear(remap)
	screens := [...]*screen{t.main, t.alt}
	cursors := t.cursors()
	for _, s := range screens {
		if s == nil {
			continue
		}
		for i := range s.lines {
			for _, c := range s.lines[i].cells {
				if int(c.Style) < n {
					remap[c.Style] = 1
				}
			}
		}
	}
	for _, c := range cursors {
		if c.stale {
			c.sid = 0 // interned afresh when next used
		} else if int(c.sid) < n {
			remap[c.sid] = 1
		}
	}
	next := StyleID(1)
	for id := 1; id < n; id++ {
		if remap[id] != 0 {
			remap[id] = next
			st.list[next] = st.list[id]
			next++
		}
	}
	remap[0] = 0
	st.list = st.list[:next]
	re := func(id StyleID) StyleID {
		if int(id) < n {
			return remap[id]
		}
		return 0
	}
	for _, s := range screens {
		if s == nil {
			continue
		}
		for i := range s.lines {
			cells := s.lines[i].cells
			for j := range cells {
				cells[j].Style = re(cells[j].Style)
			}
		}
	}
	for _, c := range cursors {
		c.sid = re(c.sid)
	}
	clear(st.slots)
	for id := 1; id < len(st.list); id++ {
		st.place(&st.list[id], StyleID(id))
	}
	if len(st.list) >= st.limit/2 {
		// The screens alone use most of the table: let it grow so that
		// compaction stays rare.
		st.limit = 2 * st.limit
	} else if st.limit > styleTableLimit && len(st.list) < styleTableLimit/2 {
		st.limit = styleTableLimit
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
	t.tableEpoch++
	old := t.clusters.list
	t.clusters.list = make([]string, 0, 64)
	t.clusters.index = make(map[string]rune)
	for _, s := range []*screen{t.main, t.alt} {
		if s == nil {
			continue
		}
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
// never reused. When the table is full it forgets its oldest links but
// those a style in use holds, so links on the screen keep their URLs and
// very old history may lose its.
type linkTable struct {
	urls   map[uint32]string
	keys   map[uint32]string
	index  map[string]uint32
	next   uint32
	oldest uint32   // ids below it are forgotten, or in kept
	kept   []uint32 // ids below oldest that were in use when passed
}

func (lt *linkTable) init() {
	lt.urls = make(map[uint32]string)
	lt.keys = make(map[uint32]string)
	lt.index = make(map[string]uint32)
	lt.next = 1
	lt.oldest = 1
	lt.kept = lt.kept[:0]
}

func (lt *linkTable) get(id uint32) string { return lt.urls[id] }

// add returns the id for key (id parameter + URL) and url. inUse, called
// only when the table is full, reports the ids that styles in use hold.
func (lt *linkTable) add(key, url string, inUse func() map[uint32]bool) uint32 {
	if id, ok := lt.index[key]; ok {
		return id
	}
	if len(lt.urls) >= linkTableLimit {
		lt.evict(inUse())
	}
	id := lt.next
	lt.next++
	lt.urls[id] = url
	lt.keys[id] = key
	lt.index[key] = id
	return id
}

// evict forgets links not in live, oldest first, down to three quarters of
// the limit, so that the next pass is a quarter of the limit away.
func (lt *linkTable) evict(live map[uint32]bool) {
	target := linkTableLimit * 3 / 4
	kept := lt.kept[:0]
	for _, id := range lt.kept {
		if len(lt.urls) > target && !live[id] {
			lt.forget(id)
		} else {
			kept = append(kept, id)
		}
	}
	for lt.oldest < lt.next && len(lt.urls) > target {
		id := lt.oldest
		lt.oldest++
		if _, ok := lt.urls[id]; !ok {
			continue
		}
		if live[id] {
			kept = append(kept, id)
			continue
		}
		lt.forget(id)
	}
	lt.kept = kept
}

func (lt *linkTable) forget(id uint32) {
	delete(lt.index, lt.keys[id])
	delete(lt.keys, id)
	delete(lt.urls, id)
}
