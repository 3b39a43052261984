package server

import "errors"

// layout places a window's panes: a tree whose leaves are panes and whose
// inner nodes split their area side by side (split-window -h) or top to
// bottom (split-window -v), with a one-cell border between children.
type layout struct {
	root *layoutNode
}

type splitKind uint8

const (
	leafNode splitKind = iota
	leftRight
	topBottom
)

type layoutNode struct {
	kind     splitKind
	parent   *layoutNode
	pane     *Pane // leaf only
	children []*layoutNode
	// size is the node's extent along its parent's axis, kept so a resize
	// shares space out in the same proportions.
	size int
}

func (l *layout) find(p *Pane) *layoutNode {
	var walk func(n *layoutNode) *layoutNode
	walk = func(n *layoutNode) *layoutNode {
		if n == nil {
			return nil
		}
		if n.kind == leafNode {
			if n.pane == p {
				return n
			}
			return nil
		}
		for _, c := range n.children {
			if f := walk(c); f != nil {
				return f
			}
		}
		return nil
	}
	return walk(l.root)
}

// split puts newp beside target: after it, or before it if before is set.
// minSplit is the extent a pane needs to be split: two panes of one cell
// and a border.
const minSplit = 3

func (l *layout) split(target, newp *Pane, kind splitKind, before bool) {
	leaf := &layoutNode{kind: leafNode, pane: newp}
	if l.root == nil {
		l.root = leaf
		return
	}
	t := l.find(target)
	if t == nil {
		t = l.root
	}
	parent := t.parent
	if parent == nil || parent.kind != kind {
		// Replace t by a new split node holding t and the new leaf.
		n := &layoutNode{kind: kind, parent: parent, size: t.size}
		if parent == nil {
			l.root = n
		} else {
			for i, c := range parent.children {
				if c == t {
					parent.children[i] = n
				}
			}
		}
		t.parent = n
		n.children = []*layoutNode{t}
		parent = n
	}
	leaf.parent = parent
	// The split pane gives up half of its own extent (less the border);
	// its siblings keep theirs. tmux puts the odd cell in the old pane.
	ext := extent(target, kind)
	half := (ext - 1) / 2
	t.size = ext - half - 1
	leaf.size = half
	i := 0
	for j, c := range parent.children {
		if c == t {
			i = j
		}
	}
	if !before {
		i++
	}
	parent.children = append(parent.children, nil)
	copy(parent.children[i+1:], parent.children[i:])
	parent.children[i] = leaf
}

func (l *layout) remove(p *Pane) {
	n := l.find(p)
	if n == nil {
		return
	}
	parent := n.parent
	if parent == nil {
		l.root = nil
		return
	}
	for i, c := range parent.children {
		if c == n {
			parent.children = append(parent.children[:i], parent.children[i+1:]...)
			// The neighbour takes the space.
			if len(parent.children) > 0 {
				parent.children[max(i-1, 0)].size += n.size + 1
			}
			break
		}
	}
	if len(parent.children) == 1 {
		only := parent.children[0]
		only.parent = parent.parent
		only.size = parent.size
		if parent.parent == nil {
			l.root = only
		} else {
			for i, c := range parent.parent.children {
				if c == parent {
					parent.parent.children[i] = only
				}
			}
		}
	}
}

// apply lays the tree out in an area and resizes the panes to fit.
func (l *layout) apply(x, y, cols, rows int) {
	if l.root != nil {
		place(l.root, x, y, cols, rows)
	}
}

func place(n *layoutNode, x, y, cols, rows int) {
	if n.kind == leafNode {
		n.pane.x, n.pane.y = x, y
		n.pane.resize(cols, rows)
		return
	}
	total := cols
	if n.kind == topBottom {
		total = rows
	}
	k := len(n.children)
	avail := max(total-(k-1), k)
	sum := 0
	for _, c := range n.children {
		sum += max(c.size, 1)
	}
	// Share avail in proportion to the old sizes; the last child takes the
	// rounding.
	used := 0
	for i, c := range n.children {
		sz := avail * max(c.size, 1) / max(sum, 1)
		if i == k-1 {
			sz = avail - used
		}
		sz = max(sz, 1)
		c.size = sz
		if n.kind == leftRight {
			place(c, x+used+i, y, sz, rows)
		} else {
			place(c, x, y+used+i, cols, sz)
		}
		used += sz
	}
}

// relayout fits the window's panes to its size (or the zoomed pane to all of it).
func (w *Window) relayout() {
	if w.zoomed && w.active != nil {
		w.active.x, w.active.y = 0, 0
		w.active.resize(w.cols, w.rows)
		return
	}
	w.layoutState.apply(0, 0, w.cols, w.rows)
}

// errNoSpace is tmux's refusal to split a pane too small to halve.
var errNoSpace = errors.New("no space for new pane")

// splitPane puts p beside target (before it with before) and lays the
// window out again.
func (w *Window) splitPane(target, p *Pane, kind splitKind, before bool) error {
	if extent(target, kind) < minSplit {
		return errNoSpace
	}
	p.window = w
	i := w.paneIndex(target) + 1
	if before {
		i--
	}
	w.panes = append(w.panes, nil)
	copy(w.panes[i+1:], w.panes[i:])
	w.panes[i] = p
	w.zoomed = false
	w.layoutState.split(target, p, kind, before)
	w.relayout()
	return nil
}

// extent is p's size along a split of kind.
func extent(p *Pane, kind splitKind) int {
	if kind == leftRight {
		return p.cols
	}
	return p.rows
}
