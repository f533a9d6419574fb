import Networks
print("nas-bench: kernel and network speed report (not implemented yet)")
