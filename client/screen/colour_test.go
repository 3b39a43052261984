package screen

import (
	"math/rand/v2"
	"testing"

	"github.com/gmux/gmux/proto"
)

func rgb(r, g, b int) proto.Color { return 2<<24 | proto.Color(r<<16|g<<8|b) }

// paletteRGB is the colour of palette entry i (16-255), as xterm sets it.
func paletteRGB(i int) (int, int, int) {
	if i >= 232 {
		v := 8 + 10*(i-232)
		return v, v, v
	}
	i -= 16
	return cubeLevels[i/36], cubeLevels[i/6%6], cubeLevels[i%6]
}

func TestTo256(t *testing.T) {
	tests := []struct {
		in   proto.Color
		want proto.Color
	}{
		{rgb(0, 0, 0), 1<<24 | 16},
		{rgb(255, 255, 255), 1<<24 | 231},
		{rgb(255, 0, 0), 1<<24 | 196},
		{rgb(0x5f, 0x87, 0xaf), 1<<24 | (16 + 36*1 + 6*2 + 3)},
		{rgb(128, 128, 128), 1<<24 | 244}, // grey 128
		{rgb(238, 238, 238), 1<<24 | 255},
		{rgb(10, 10, 12), 1<<24 | 232},
		{1<<24 | 9, 1<<24 | 9}, // palette colours pass through
		{0, 0},                 // and so does the default
	}
	for _, tt := range tests {
		if got := to256(tt.in); got != tt.want {
			t.Errorf("to256(%#x) = %#x, want %#x", tt.in, got, tt.want)
		}
	}
}

// The cube is separable and the ramp's nearest grey is at the mean, so
// to256 must find the true nearest of entries 16-255.
func TestTo256IsNearest(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 20000; n++ {
		cr, cg, cb := r.IntN(256), r.IntN(256), r.IntN(256)
		got := int(to256(rgb(cr, cg, cb)) & 0xff)
		gr, gg, gb := paletteRGB(got)
		best := 1 << 30
		for i := 16; i < 256; i++ {
			pr, pg, pb := paletteRGB(i)
			best = min(best, distSq(pr, pg, pb, cr, cg, cb))
		}
		if d := distSq(gr, gg, gb, cr, cg, cb); d != best {
			t.Fatalf("rgb(%d,%d,%d) -> %d at distance² %d, nearest is at %d", cr, cg, cb, got, d, best)
		}
	}
}
