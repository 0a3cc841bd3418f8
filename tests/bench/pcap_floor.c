/* The read floor: the least any libpcap-based tool does per packet — open a
 * capture file, pcap_next_ex every packet, count packets and wire bytes.
 * edgeflowd's per-packet cost is quoted against this. */
#include <pcap/pcap.h>
#include <stdio.h>

int main(int argc, char** argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: pcap_floor FILE\n");
    return 2;
  }
  char errbuf[PCAP_ERRBUF_SIZE];
  pcap_t* p = pcap_open_offline(argv[1], errbuf);
  if (p == NULL) {
    fprintf(stderr, "pcap_floor: %s\n", errbuf);
    return 1;
  }
  struct pcap_pkthdr* hdr;
  const u_char* data;
  unsigned long long packets = 0, bytes = 0;
  int rc;
  while ((rc = pcap_next_ex(p, &hdr, &data)) == 1) {
    packets++;
    bytes += hdr->len;
  }
  pcap_close(p);
  printf("%llu packets, %llu bytes\n", packets, bytes);
  return rc == PCAP_ERROR_BREAK ? 0 : 1;
}
