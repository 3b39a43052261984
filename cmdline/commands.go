package cmdline

// The commands, as tmux names them, with their flags and argument counts.
var (
	SendKeys = Spec{
		Name:    "send-keys",
		Alias:   "send",
		Flags:   "FHKlMRXN:t:",
		MaxArgs: -1,
		Usage:   "[-FHKlMRX] [-N repeat-count] [-t target-pane] key ...",
	}
	SendPrefix = Spec{
		Name:    "send-prefix",
		Flags:   "2t:",
		MaxArgs: 0,
		Usage:   "[-2] [-t target-pane]",
	}
	BindKey = Spec{
		Name:    "bind-key",
		Alias:   "bind",
		Flags:   "nrN:T:",
		MinArgs: 1,
		MaxArgs: -1,
		Usage:   "[-nr] [-T key-table] [-N note] key [command [arguments]]",
	}
	UnbindKey = Spec{
		Name:    "unbind-key",
		Alias:   "unbind",
		Flags:   "anqT:",
		MaxArgs: 1,
		Usage:   "[-anq] [-T key-table] key",
	}
	ListKeys = Spec{
		Name:    "list-keys",
		Alias:   "lsk",
		Flags:   "1aNT:P:",
		MaxArgs: 1,
		Usage:   "[-1aN] [-P prefix-string] [-T key-table] [key]",
	}
	SetOption = Spec{
		Name:    "set-option",
		Alias:   "set",
		Flags:   "aFgopqsuUwt:",
		MinArgs: 1,
		MaxArgs: 2,
		Usage:   "[-aFgopqsuUw] [-t target-pane] option [value]",
	}
	ShowOptions = Spec{
		Name:    "show-options",
		Alias:   "show",
		Flags:   "AgHpqsvwt:",
		MaxArgs: 1,
		Usage:   "[-AgHpqsvw] [-t target-pane] [option]",
	}
	SourceFile = Spec{
		Name:    "source-file",
		Alias:   "source",
		Flags:   "Fnqv",
		MinArgs: 1,
		MaxArgs: -1,
		Usage:   "[-Fnqv] path ...",
	}
	RefreshClient = Spec{
		Name:    "refresh-client",
		Alias:   "refresh",
		Flags:   "cDlLRSUt:",
		MaxArgs: 1,
		Usage:   "[-cDlLRSU] [-t target-client] [adjustment]",
	}
	ListCommands = Spec{
		Name:    "list-commands",
		Alias:   "lscm",
		Flags:   "F:",
		MaxArgs: 1,
		Usage:   "[-F format] [command]",
	}
	SplitWindow = Spec{
		Name:    "split-window",
		Alias:   "splitw",
		Flags:   "bdfhIvPZc:e:F:l:p:t:",
		MaxArgs: -1,
		Usage:   "[-bdefhIPvZ] [-c start-directory] [-e environment] [-F format] [-l size] [-t target-pane] [shell-command]",
	}
	SelectPane = Spec{
		Name:    "select-pane",
		Alias:   "selectp",
		Flags:   "DdegLlMmRUZt:T:",
		MaxArgs: 0,
		Usage:   "[-DdeLlRUZ] [-T title] [-t target-pane]",
	}
	KillPane = Spec{
		Name:    "kill-pane",
		Alias:   "killp",
		Flags:   "at:",
		MaxArgs: 0,
		Usage:   "[-a] [-t target-pane]",
	}
	ListPanes = Spec{
		Name:    "list-panes",
		Alias:   "lsp",
		Flags:   "asF:f:t:",
		MaxArgs: 0,
		Usage:   "[-as] [-F format] [-f filter] [-t target-window]",
	}
	ResizePane = Spec{
		Name:    "resize-pane",
		Alias:   "resizep",
		Flags:   "DLMRTUZx:y:t:",
		MaxArgs: 1,
		Usage:   "[-DLMRTUZ] [-x width] [-y height] [-t target-pane] [adjustment]",
	}
	CapturePane = Spec{
		Name:    "capture-pane",
		Alias:   "capturep",
		Flags:   "aCeJNpPqTb:E:S:t:",
		MaxArgs: 0,
		Usage:   "[-aCeJNpPqT] [-b buffer-name] [-E end-line] [-S start-line] [-t target-pane]",
	}
	ClearHistory = Spec{
		Name:    "clear-history",
		Alias:   "clearhist",
		Flags:   "Ht:",
		MaxArgs: 0,
		Usage:   "[-H] [-t target-pane]",
	}
	DisplayMessage = Spec{
		Name:    "display-message",
		Alias:   "display",
		Flags:   "aIlNpvc:d:F:t:",
		MaxArgs: 1,
		Usage:   "[-aIlNpv] [-c target-client] [-d delay] [-F format] [-t target-pane] [message]",
	}
	NewSession = Spec{
		Name:    "new-session",
		Alias:   "new",
		Flags:   "AdDEPXc:e:F:n:s:t:x:y:",
		MaxArgs: -1,
		Usage:   "[-AdDEPX] [-c start-directory] [-e environment] [-F format] [-n window-name] [-s session-name] [-x width] [-y height] [shell-command]",
	}
	AttachSession = Spec{
		Name:    "attach-session",
		Alias:   "attach",
		Flags:   "dErxc:f:t:",
		MaxArgs: 0,
		Usage:   "[-dErx] [-c working-directory] [-f flags] [-t target-session]",
	}
	ListSessions = Spec{
		Name:    "list-sessions",
		Alias:   "ls",
		Flags:   "F:f:",
		MaxArgs: 0,
		Usage:   "[-F format] [-f filter]",
	}
	HasSession = Spec{
		Name:    "has-session",
		Alias:   "has",
		Flags:   "t:",
		MaxArgs: 0,
		Usage:   "[-t target-session]",
	}
	KillSession = Spec{
		Name:    "kill-session",
		Flags:   "aCt:",
		MaxArgs: 0,
		Usage:   "[-aC] [-t target-session]",
	}
	KillServer = Spec{
		Name:    "kill-server",
		MaxArgs: 0,
	}
	StartServer = Spec{
		Name:    "start-server",
		Alias:   "start",
		MaxArgs: 0,
	}
	RenameSession = Spec{
		Name:    "rename-session",
		Alias:   "rename",
		Flags:   "t:",
		MinArgs: 1,
		MaxArgs: 1,
		Usage:   "[-t target-session] new-name",
	}
	DetachClient = Spec{
		Name:    "detach-client",
		Alias:   "detach",
		Flags:   "aPs:t:",
		MaxArgs: 0,
		Usage:   "[-aP] [-s target-session] [-t target-client]",
	}
	ListClients = Spec{
		Name:    "list-clients",
		Alias:   "lsc",
		Flags:   "F:t:",
		MaxArgs: 0,
		Usage:   "[-F format] [-t target-session]",
	}
	SwitchClient = Spec{
		Name:    "switch-client",
		Alias:   "switchc",
		Flags:   "lnpt:",
		MaxArgs: 0,
		Usage:   "[-lnp] [-t target-session]",
	}
	NewWindow = Spec{
		Name:    "new-window",
		Alias:   "neww",
		Flags:   "abdkPc:e:F:n:t:",
		MaxArgs: -1,
		Usage:   "[-abdkP] [-c start-directory] [-e environment] [-F format] [-n window-name] [-t target-window] [shell-command]",
	}
	KillWindow = Spec{
		Name:    "kill-window",
		Alias:   "killw",
		Flags:   "at:",
		MaxArgs: 0,
		Usage:   "[-a] [-t target-window]",
	}
	SelectWindow = Spec{
		Name:    "select-window",
		Alias:   "selectw",
		Flags:   "lnpTt:",
		MaxArgs: 0,
		Usage:   "[-lnpT] [-t target-window]",
	}
	NextWindow = Spec{
		Name:    "next-window",
		Alias:   "next",
		Flags:   "at:",
		MaxArgs: 0,
		Usage:   "[-a] [-t target-session]",
	}
	PreviousWindow = Spec{
		Name:    "previous-window",
		Alias:   "prev",
		Flags:   "at:",
		MaxArgs: 0,
		Usage:   "[-a] [-t target-session]",
	}
	LastWindow = Spec{
		Name:    "last-window",
		Alias:   "last",
		Flags:   "t:",
		MaxArgs: 0,
		Usage:   "[-t target-session]",
	}
	RenameWindow = Spec{
		Name:    "rename-window",
		Alias:   "renamew",
		Flags:   "t:",
		MinArgs: 1,
		MaxArgs: 1,
		Usage:   "[-t target-window] new-name",
	}
	ListWindows = Spec{
		Name:    "list-windows",
		Alias:   "lsw",
		Flags:   "aF:f:t:",
		MaxArgs: 0,
		Usage:   "[-a] [-F format] [-f filter] [-t target-session]",
	}
)
