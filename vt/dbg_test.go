package vt
import ("testing";"fmt")
func TestDbgFuzz(t *testing.T) {
	data := []byte("0000000000000000000000000000000000000000\r00\t000\n0000\f\x120\x1c0000C00ž000000\x050\x7f0000000000000\x100000000000\a000000\x0f0000000000000\x0400000000000000000\x10000\x1c0\x1a\x010\x0400000\x1700000\x1800000000悳0000000Ӝ00000\x020000000000000\x13000000000蠗000\r0\x06\x16000\x0e0000\x1f00ľޣ000")
	cols, rows := 100, 4
	term := New(cols, rows, Options{HistoryLimit: 50})
	for i := 0; len(data) > 0; i++ {
		n := min(len(data), 7+i*13)
		term.Write(data[:n])
		fmt.Printf("write %q\n", data[:n])
		data = data[n:]
		checkInvariants(t, term)
		if i%3 == 2 && len(data) > 0 {
			nc, nr := int(data[0]%100)+1, int(data[0]/3%40)+1
			fmt.Println("resize", nc, nr, "hist", term.HistoryLen(), "cursor", term.Cursor())
			for y := -term.HistoryLen(); y < term.rows; y++ { c, w := term.LineCells(y, nil); var b []byte; for _, x := range c { b = term.AppendCellText(b, x) }; fmt.Printf("%3d %v %q\n", y, w, b) }
			term.Resize(nc, nr)
			for y := -term.HistoryLen(); y < term.rows; y++ { c, w := term.LineCells(y, nil); var b []byte; for _, x := range c { b = term.AppendCellText(b, x) }; fmt.Printf("%3d %v %q\n", y, w, b) }
			checkInvariants(t, term)
		}
	}
}
