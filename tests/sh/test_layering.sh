#!/bin/sh
# The core never sees curses, never prints to stdout/stderr and never exits.
# Checked two ways: the sources (no curses header included) and the object
# code (nm -u on libshipshape_core.a: no curses symbols, no exit, no stdio
# writers that target the standard streams).
set -u
src=${SS_SOURCE_DIR:?}
lib=${SS_CORE_LIB:?}
fail=0

hits=$(grep -rnE '#[[:space:]]*include[[:space:]]*[<"](n?curses(w)?\.h|ncursesw?/|panel\.h|menu\.h|form\.h|term\.h)' \
	"$src/src/core" "$src/include/shipshape" 2>/dev/null)
if [ -n "$hits" ]; then
	echo "FAIL: the core includes a curses header:"
	echo "$hits"
	fail=1
fi

[ -f "$lib" ] || { echo "FAIL: no core library at $lib"; exit 1; }
undef=$(nm -u "$lib" | awk '{print $NF}' | sed 's/@.*//' | sort -u)
bad=$(echo "$undef" | grep -xE 'exit|_exit|_Exit|quick_exit|printf|vprintf|puts|putchar|putchar_unlocked|perror|stdout|stderr|_IO_2_1_stdout_|_IO_2_1_stderr_|__printf_chk|__vprintf_chk|initscr|newterm|endwin|refresh|wrefresh|doupdate|getch|wgetch|newwin|delwin|stdscr|curscr|mvwprintw|wprintw|waddstr|waddnstr|mvwaddstr|keypad|cbreak|noecho|start_color|init_pair|new_panel|update_panels|new_menu|new_form|set_field_buffer')
if [ -n "$bad" ]; then
	echo "FAIL: the core's object code references forbidden symbols:"
	echo "$bad"
	for s in $bad; do nm -A "$lib" 2>/dev/null | grep -E " U $s(@|\$)" | head -3; done
	fail=1
fi
n=$(nm -u "$lib" | grep -c ' U ')
if [ $fail -eq 0 ]; then
	echo "layering ok: no curses includes; $n undefined references checked in $(basename "$lib")"
fi
exit $fail
