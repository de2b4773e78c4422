// The ceiling libxml2 2.9's HTML parser alone sets for `parse` on HTML pages: pages per CPU-second of
// htmlReadMemory (DOM, mode 0) and of the SAX parser with empty callbacks (mode 1, what parse uses).
//   gcc -O2 scripts/bench-html-libxml2.c $(pkg-config --cflags --libs libxml-2.0) -o /tmp/bench-html-libxml2
//   /tmp/bench-html-libxml2 [GLOB]     (default: ../shared/eval/html/html/*.html)
#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glob.h>
#include <time.h>
static double cpu(){struct timespec t;clock_gettime(CLOCK_PROCESS_CPUTIME_ID,&t);return t.tv_sec+t.tv_nsec*1e-9;}
static void se(void*c,const xmlChar*n,const xmlChar**a){} static void ee(void*c,const xmlChar*n){} static void ch(void*c,const xmlChar*s,int l){}
int main(int argc,char**argv){
  glob_t g; glob(argc>1?argv[1]:"../shared/eval/html/html/*.html",0,NULL,&g);
  if(g.gl_pathc==0){fprintf(stderr,"no pages\n");return 1;}
  char**buf=malloc(g.gl_pathc*sizeof(char*)); int*len=malloc(g.gl_pathc*sizeof(int));
  for(size_t i=0;i<g.gl_pathc;i++){FILE*f=fopen(g.gl_pathv[i],"rb");fseek(f,0,2);len[i]=ftell(f);fseek(f,0,0);buf[i]=malloc(len[i]);fread(buf[i],1,len[i],f);fclose(f);}
  int opts=HTML_PARSE_RECOVER|HTML_PARSE_NOERROR|HTML_PARSE_NOWARNING|HTML_PARSE_NONET|HTML_PARSE_IGNORE_ENC;
  for(int mode=0;mode<2;mode++){
    double t=cpu();
    for(int r=0;r<3;r++) for(size_t i=0;i<g.gl_pathc;i++){
      if(mode==0){htmlDocPtr d=htmlReadMemory(buf[i],len[i],NULL,"UTF-8",opts); xmlFreeDoc(d);}
      else { htmlParserCtxtPtr c=htmlCreateMemoryParserCtxt(buf[i],len[i]); memset(c->sax,0,sizeof(htmlSAXHandler)); c->sax->startElement=se; c->sax->endElement=ee; c->sax->characters=ch; c->sax->cdataBlock=ch; htmlCtxtUseOptions(c,opts);
        xmlSwitchEncoding(c,XML_CHAR_ENCODING_UTF8); htmlParseDocument(c); htmlFreeParserCtxt(c);}
    }
    double dt=cpu()-t; printf("mode %d: %.1f pages per CPU-second\n",mode,3*g.gl_pathc/dt);
  }
}
