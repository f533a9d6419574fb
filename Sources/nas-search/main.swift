import Search
print("nas-search")
