import re,sys
listing,counts=sys.argv[1],sys.argv[2]
ins=[]
for line in open(listing):
    m=re.match(r'\s*([0-9a-f]+):\s+(\S.*)$',line)
    if m and not line.lstrip().startswith('0000'): ins.append((int(m.group(1),16),m.group(2).strip()))
idx={a:i for i,(a,_) in enumerate(ins)}
def stops_before(i, start):
    if i + 1 >= len(ins): return False
    end = ins[i + 1][0] - 1
    return end >> 12 != start >> 12
for line in open(counts):
    f=line.split()
    if len(f)<3 or f[0]=='total': continue
    pc=int(f[0],16); c=int(f[1])
    if not 1530<=c<=1540: continue
    i=idx[pc]
    print('--- block %x (%d)'%(pc&0xffff,c))
    first=True
    while True:
        if not first and stops_before(i, pc): break
        first=False
        a,t=ins[i]; print('   %x %s'%(a&0xffff,t))
        if re.match(r'(j\w+|call\w*|ret\w*|ud2|int3)\b',t): break
        i+=1
