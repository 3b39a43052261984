package screen

import "github.com/gmux/gmux/proto"

// cubeLevels are the channel values of the 6x6x6 colour cube, palette
// entries 16 to 231, as xterm defines them.
var cubeLevels = [6]int{0x00, 0x5f, 0x87, 0xaf, 0xd7, 0xff}

// to256 maps a true colour to the nearest entry of the 256-colour cube
// or grey ramp, as tmux does for a terminal without true colour; other
// colours are returned unchanged.
func to256(c proto.Color) proto.Color {
	if c>>24 != 2 {
		return c
	}
	r, g, b := int(c>>16&0xff), int(c>>8&0xff), int(c&0xff)
	qr, qg, qb := cubeIndex(r), cubeIndex(g), cubeIndex(b)
	idx := 16 + 36*qr + 6*qg + qb
	cr, cg, cb := cubeLevels[qr], cubeLevels[qg], cubeLevels[qb]
	if cr != r || cg != g || cb != b {
		// The grey ramp (232-255: 8, 18, ..., 238) may be nearer.
		avg := (r + g + b) / 3
		grey := 23
		if avg <= 238 {
			grey = max(avg-3, 0) / 10
		}
		v := 8 + 10*grey
		if distSq(v, v, v, r, g, b) < distSq(cr, cg, cb, r, g, b) {
			idx = 232 + grey
		}
	}
	return 1<<24 | proto.Color(idx)
}

// cubeIndex is the nearest cube level to channel value v: the levels are
// 0, 95, then 40 apart.
func cubeIndex(v int) int {
	switch {
	case v < 48:
		return 0
	case v < 115:
		return 1
	}
	return (v - 35) / 40
}

func distSq(r1, g1, b1, r2, g2, b2 int) int {
	dr, dg, db := r1-r2, g1-g2, b1-b2
	return dr*dr + dg*dg + db*db
}
